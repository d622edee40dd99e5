// File actions: applied in order, exactly as specified. Each input is
// chosen so that an implementation skipping the action, or ignoring the
// argument, shows something else; the comment on it says what.
#include <sys/stat.h>

#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

// A dup2 action onto the same fd is the one way to hand a close-on-exec fd
// to a single child without racing other threads (Austin Group #411).
Verdict dup2_same_fd_clears_cloexec(Session& s) {
  Case c = probe_case("file-actions-dup2-same-fd-clears-cloexec");
  c.fixture.push_back(fixture_file("data.txt", "x"));
  // Close-on-exec in the caller: skipping the action, or taking fd == newfd
  // for a no-op, leaves the program without fd 3.
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"), true)};
  c.actions = {action(Op::ADDDUP2, 3, 3)};
  return expect_model(s, c, "adddup2(3, 3) of a close-on-exec fd");
}

// Each action sees the result of the ones before it: the order decides
// which file ends up on which descriptor (applied backwards, or any action
// skipped, fds 3-5 lead elsewhere or are missing).
Verdict applied_in_order(Session& s) {
  Case c = probe_case("file-actions-applied-in-order");
  c.fixture.push_back(fixture_file("a.txt", "a"));
  c.fixture.push_back(fixture_file("b.txt", "bb"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "a.txt", oflag("O_RDONLY")), action(Op::ADDDUP2, 3, 4),
               action(Op::ADDCLOSE, 3), action(Op::ADDOPEN, 3, -1, "b.txt", oflag("O_RDWR")),
               action(Op::ADDDUP2, 4, 5), action(Op::ADDDUP2, 3, 4)};
  return expect_model(s, c, "file actions in order");
}

// A dup2 cycle through a temporary fd swaps two descriptors: skipped, 3
// and 4 keep their files; short-circuited, both lead to one.
Verdict swap_through_temporary(Session& s) {
  Case c = probe_case("file-actions-swap-through-temporary");
  c.fixture.push_back(fixture_file("a.txt", "a"));
  c.fixture.push_back(fixture_file("b.txt", "bb"));
  c.fds = {parent_open(3, "a.txt", oflag("O_RDONLY")), parent_open(4, "b.txt", oflag("O_WRONLY"))};
  c.actions = {action(Op::ADDDUP2, 3, 9), action(Op::ADDDUP2, 4, 3), action(Op::ADDDUP2, 9, 4),
               action(Op::ADDCLOSE, 9)};
  return expect_model(s, c, "an fd swap");
}

// The mode and size of a file the run left in the case root: the probe
// reports descriptors, not what an open did to the file.
std::optional<struct stat> stat_in_root(Session& s, const Path& p) {
  struct stat st {};
  if (::stat((s.scratch().root() + "/" + p).c_str(), &st) != 0) return std::nullopt;
  return st;
}

// O_APPEND dropped: fd 3 is reported without it.
Verdict addopen_append(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-append"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_WRONLY") | oflag("O_APPEND"))};
  return expect_model(s, c, "addopen with O_APPEND");
}

// O_TRUNC dropped: data.txt keeps its 10 bytes.
Verdict addopen_trunc(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-trunc"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_WRONLY") | oflag("O_TRUNC"))};
  if (Verdict v = expect_model(s, c, "addopen with O_TRUNC"); v.status != Status::Pass) return v;
  auto st = stat_in_root(s, "data.txt");
  if (!st) return Verdict::broken("stat(data.txt) after the run failed");
  if (st->st_size != 0)
    return Verdict::fail(fmt::format("O_TRUNC left data.txt {} bytes long", st->st_size), c,
                         Cause{"addopen-oflags", "an addopen does not open with the flags it was given"});
  return Verdict::pass();
}

// open(2): the created file's mode is (mode & ~umask). The mode and umask
// are neither defaults nor what a careless implementation passes instead:
// the mode dropped (0666 or 0: 0640 or 0000), 0777 (0750), the caller's
// umask ignored (0715) or a default one applied (0715 & ~022 = 0715), all
// differ from 0715 & ~027 = 0710.
Verdict addopen_creat_mode(Session& s) {
  Case c = probe_case("file-actions-addopen-creat-umask");
  c.umask = 027;
  c.actions = {action(Op::ADDOPEN, 3, -1, "new.txt", oflag("O_WRONLY") | oflag("O_CREAT"), 0715)};
  if (Verdict v = expect_model(s, c, "addopen with O_CREAT"); v.status != Status::Pass) return v;
  auto st = stat_in_root(s, "new.txt");
  const Cause mode{"addopen-mode", "an addopen creates the file with another mode than mode & ~umask"};
  if (!st) return Verdict::fail("addopen with O_CREAT did not create new.txt", c, mode);
  if ((st->st_mode & 07777) != 0710)
    return Verdict::fail(fmt::format("new.txt created with mode {:04o}, expected 0715 & ~0027 = 0710",
                                     st->st_mode & 07777), c, mode);
  return Verdict::pass();
}

// fds 0-2 are taken, so fd 3 is the lowest free one of the caller: open(2)
// returns it, with FD_CLOEXEC, unless the implementation holds fd 3
// itself then (ADDOPEN_CLOEXEC). O_CLOEXEC dropped: fd 3 reaches the
// program under --expect glibc or musl.
Verdict cloexec_on_lowest_free_fd(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-cloexec-lowest-free"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY") | oflag("O_CLOEXEC"))};
  return expect_choice(s, c, Choice::ADDOPEN_CLOEXEC, "addopen O_CLOEXEC onto the lowest free fd");
}

// open(2) returns fd 3; the dup2 onto 5 makes a descriptor with FD_CLOEXEC
// clear, which reaches the program (glibc, musl). O_CLOEXEC carried over
// by dup3: fd 5 is closed at the exec.
Verdict cloexec_elsewhere_lost(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-cloexec-elsewhere"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDOPEN, 5, -1, "data.txt", oflag("O_RDONLY") | oflag("O_CLOEXEC"))};
  return expect_choice(s, c, Choice::ADDOPEN_CLOEXEC, "addopen O_CLOEXEC onto a fd that is not the lowest free one");
}

// An addopen onto a descriptor the caller has open replaces it ("closed
// before the new file is opened"): skipped, fd 3 still leads to a.txt.
// With O_CLOEXEC the new fd 3 may be gone at the exec (ADDOPEN_CLOEXEC),
// but it never leads to a.txt.
Verdict addopen_replaces_open_fd(Session& s) {
  Case c = probe_case("file-actions-addopen-replaces-open-fd");
  c.fixture.push_back(fixture_file("a.txt", "a"));
  c.fixture.push_back(fixture_file("b.txt", "bb"));
  c.fds = stdio_on("a.txt");
  c.fds.push_back(parent_open(3, "a.txt", oflag("O_RDWR")));
  c.actions = {action(Op::ADDOPEN, 3, -1, "b.txt", oflag("O_RDONLY"))};
  if (Verdict v = expect_model(s, c, "addopen onto an open fd"); v.status != Status::Pass) return v;
  c.name += "-cloexec";
  c.actions[0].oflags |= oflag("O_CLOEXEC");
  return expect_model(s, c, "addopen O_CLOEXEC onto an open fd");
}

// The agent scribbles over every path right after handing it to a builder
// (src/agent/run.c), so a kept pointer opens "????".
Verdict path_copied(Session& s) {
  Case c = with_data(probe_case("file-actions-path-copied"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY")),
               action(Op::ADDOPEN, 4, -1, "data.txt", oflag("O_WRONLY"))};
  return expect_model(s, c, "addopen paths the caller overwrote after adding them");
}

// fd 7 is not open: ignored (glibc, musl) or the spawn's EBADF (macOS).
Verdict close_unopened(Session& s) {
  Case c = probe_case("file-actions-addclose-unopened");
  c.actions = {action(Op::ADDCLOSE, 7)};
  return expect_choice(s, c, Choice::CLOSE_UNOPENED, "addclose of a fd that is not open");
}

// With 0-2 taken, an implementation's error pipe lands on 3 and 4 unless
// it keeps it clear of the fds the actions name: the dup2s must still make
// exactly 3-5, and a failing exec must still be reported.
Verdict dup2_onto_low_fds(Session& s) {
  Case c = with_data(probe_case("file-actions-dup2-onto-low-fds"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDDUP2, 0, 3), action(Op::ADDDUP2, 1, 4), action(Op::ADDDUP2, 2, 5)};
  if (Verdict v = expect_model(s, c, "adddup2 onto fds 3-5"); v.status != Status::Pass) return v;
  c.name = "file-actions-dup2-onto-low-fds-exec-fails";
  c.program = "bin/missing";
  return expect_model_error(s, c, "ENOENT", "a failing exec after adddup2 onto fds 3-5");
}

// dup2(5, 5) with fd 5 closed fails; an implementation that treats fd ==
// newfd as "clear FD_CLOEXEC" without checking succeeds.
Verdict dup2_same_fd_unopened(Session& s) {
  Case c = probe_case("file-actions-dup2-same-fd-unopened");
  c.actions = {action(Op::ADDDUP2, 5, 5)};
  return expect_model_error(s, c, "EBADF", "adddup2(5, 5) with fd 5 not open");
}

// After addchdir, a relative addopen and the relative program resolve in
// the new directory; data.txt and the program exist only there (skipped:
// ENOENT).
Verdict chdir_then_relative(Session& s) {
  Case c = probe_case("file-actions-addchdir-then-relative");
  c.fixture = {fixture_node(FixtureEntry::Kind::Probe, "sub/probe"), fixture_file("sub/data.txt", "x")};
  c.program = "probe";
  c.actions = {action(Op::ADDCHDIR, -1, -1, "sub"), action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY"))};
  return expect_model(s, c, "addchdir then relative paths");
}

// fd 3 is sub/, the probe exists only there (skipped: ENOENT; performed in
// the caller: the caller's cwd moves).
Verdict fchdir_changes_cwd(Session& s) {
  Case c = probe_case("file-actions-addfchdir");
  c.fixture = {fixture_node(FixtureEntry::Kind::Probe, "sub/probe")};
  c.fds = {parent_open(3, "sub", oflag("O_RDONLY") | oflag("O_DIRECTORY"))};
  c.program = "probe";
  c.actions = {action(Op::ADDFCHDIR, 3)};
  return expect_model(s, c, "addfchdir");
}

// Every fd from 5 up goes (skipped: 5 and 6 reach the program; off by
// one: 4 goes too or 5 stays), the implementation's own error channel
// aside: a failing exec must still be reported.
Verdict closefrom(Session& s) {
  Case c = with_data(probe_case("file-actions-addclosefrom"));
  for (int fd = 3; fd <= 6; ++fd) c.fds.push_back(parent_open(fd, "data.txt", oflag("O_RDONLY")));
  c.actions = {action(Op::ADDCLOSEFROM, 5)};
  if (Verdict v = expect_model(s, c, "addclosefrom 5"); v.status != Status::Pass) return v;
  c.name = "file-actions-addclosefrom-exec-fails";
  c.program = "bin/missing";
  return expect_model_error(s, c, "ENOENT", "a failing exec after addclosefrom 5");
}

// POSIX: each builder "shall fail" on a negative fd, so the builder itself
// returns EBADF; one that accepts it and lets the spawn fail later shows
// EBADF from the wrong call, and one that accepts it silently runs the
// program.
Verdict negative_fd_refused(Session& s) {
  const std::vector<Action> refused = {action(Op::ADDCLOSE, -1), action(Op::ADDOPEN, -1, -1, "data.txt", oflag("O_RDONLY")),
                                       action(Op::ADDDUP2, -1, 3), action(Op::ADDDUP2, 0, -1)};
  for (std::size_t i = 0; i < refused.size(); ++i) {
    Case c = with_data(probe_case(fmt::format("file-actions-negative-fd-{}", i + 1)));
    c.fds = {parent_open(0, "data.txt", oflag("O_RDONLY"))};
    c.actions = {refused[i]};
    if (Verdict v = expect_model_error(s, c, "EBADF", "a negative fd"); v.status != Status::Pass) return v;
  }
  return Verdict::pass();
}

// The last fd below RLIMIT_NOFILE is a valid target (an off-by-one check
// refuses it); the limit itself is refused, when added or when spawning
// (FD_LIMIT), never silently taken.
Verdict fd_limit(Session& s) {
  const int top = s.model_env().nofile - 1;
  Case below = with_data(probe_case("file-actions-fd-below-limit"));
  below.fds = stdio_on("data.txt");
  below.actions = {action(Op::ADDDUP2, 0, top)};
  if (Verdict v = expect_model(s, below, fmt::format("adddup2(0, {}), the last fd below RLIMIT_NOFILE", top));
      v.status != Status::Pass)
    return v;
  std::vector<Case> at;
  for (auto a : {action(Op::ADDDUP2, 0, top + 1), action(Op::ADDOPEN, top + 1, -1, "data.txt", oflag("O_RDONLY"))}) {
    Case c = with_data(probe_case(fmt::format("file-actions-fd-at-limit-{}", action_info(a.op).name)));
    c.fds = stdio_on("data.txt");
    c.actions = {a};
    at.push_back(std::move(c));
  }
  return each(at, [&](const Case& c) { return expect_model_error(s, c, "EBADF", "an fd at RLIMIT_NOFILE"); });
}

// A caller with 0-2 closed: with no actions the program has no fd at all
// (nothing of the implementation's lands there), and addopen onto 0-2
// gives it exactly those.
Verdict closed_std_fds(Session& s) {
  Case bare = probe_case("file-actions-closed-std-fds");
  if (Verdict v = expect_model(s, bare, "a caller with fds 0-2 closed"); v.status != Status::Pass) return v;
  Case c = with_data(probe_case("file-actions-closed-std-fds-addopen"));
  c.actions = {action(Op::ADDOPEN, 0, -1, "data.txt", oflag("O_RDONLY")),
               action(Op::ADDOPEN, 1, -1, "data.txt", oflag("O_WRONLY")),
               action(Op::ADDOPEN, 2, -1, "data.txt", oflag("O_WRONLY") | oflag("O_APPEND"))};
  return expect_model(s, c, "addopen onto 0-2 from a caller with them closed");
}

}  // namespace

void add_file_actions_checks(std::vector<Check>& out) {
  out.push_back({"file_actions.dup2-same-fd-clears-cloexec", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2",
                 "If fildes and newfildes are equal, then the action shall ensure that newfildes is inherited by "
                 "the new process with FD_CLOEXEC clear, even if it is set in fildes.",
                 {"dup2-cloexec"},
                 dup2_same_fd_clears_cloexec});
  out.push_back({"file_actions.applied-in-order", Class::file_actions, Profile::Posix,
                 "posix_spawn(3), Linux man-pages",
                 "If file_actions is not NULL, then it contains an ordered set of requests to open(2), close(2), "
                 "and dup2(2) files.",
                 {"order"},
                 applied_in_order});
  out.push_back({"file_actions.dup2-swap-through-temporary", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2",
                 "The descriptor referred to by newfildes is created as if dup2() had been called on fildes "
                 "prior to the new child process starting execution.",
                 {"order"},
                 swap_through_temporary});
  const std::string addopen =
      "The posix_spawn_file_actions_addopen() function shall add an open action to the object referenced by "
      "file_actions that shall cause the file named by path to be opened (as if open(path, oflag, mode) had "
      "been called, and the returned file descriptor, if not fildes, had been changed to fildes as if "
      "dup2(returned_fd, fildes) had been called) when a new process is spawned using this file actions object.";
  const std::string addopen_source = "POSIX.1-2024 posix_spawn_file_actions_addopen";
  out.push_back({"file_actions.addopen-append-flag-kept", Class::file_actions, Profile::Posix, addopen_source,
                 addopen, {"oflag-truncated"}, addopen_append});
  out.push_back({"file_actions.addopen-trunc-empties-file", Class::file_actions, Profile::Posix, addopen_source,
                 addopen, {"oflag-truncated"}, addopen_trunc});
  out.push_back({"file_actions.addopen-creat-mode-under-umask", Class::file_actions, Profile::Posix,
                 addopen_source + " and open(2)", addopen + " (open(2): the mode of the created file is (mode & ~umask).)",
                 {"creat-mode-ignores-umask"},
                 addopen_creat_mode});
  out.push_back({"file_actions.addopen-cloexec-on-lowest-free-fd-kept", Class::file_actions, Profile::Posix,
                 addopen_source, addopen, {{"oflag-truncated", Expectation::Glibc}}, cloexec_on_lowest_free_fd});
  out.push_back({"file_actions.addopen-cloexec-elsewhere-lost", Class::file_actions, Profile::Posix,
                 addopen_source + " and dup2(2)", addopen, {{"cloexec-kept-after-dup2", Expectation::Glibc}},
                 cloexec_elsewhere_lost});
  out.push_back({"file_actions.addopen-replaces-an-open-fd", Class::file_actions, Profile::Posix, addopen_source,
                 "If fildes was already an open file descriptor, it shall be closed before the new file is opened.",
                 {"addopen-ignored"},
                 addopen_replaces_open_fd});
  out.push_back({"file_actions.addopen-path-copied", Class::file_actions, Profile::Posix, addopen_source,
                 "The string described by path shall be copied by the posix_spawn_file_actions_addopen() function.",
                 {"path-not-copied"},
                 path_copied});
  out.push_back({"file_actions.addclose-unopened-fd", Class::file_actions, Profile::Posix,
                 "POSIX.1-2008 posix_spawn_file_actions_addclose; Austin Group #370",
                 "It shall not be considered an error for the fildes argument passed to these functions to specify a "
                 "file descriptor for which the specified operation could not be performed at the time of the call. "
                 "Any such error will be detected when the associated file actions object is later used during a "
                 "posix_spawn() or posix_spawnp() operation.",
                 {{"close-error-reported", Expectation::Glibc}},
                 close_unopened});
  out.push_back({"file_actions.dup2-onto-implementation-fds", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2, and posix_spawn ERRORS",
                 "The descriptor referred to by newfildes is created as if dup2() had been called on fildes "
                 "prior to the new child process starting execution (whatever the implementation itself uses "
                 "that fd for, and exec errors are still reported).",
                 {"dup2-low-fd-clobbers-pipe"},
                 dup2_onto_low_fds});
  out.push_back({"file_actions.dup2-same-fd-unopened-ebadf", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2 (paraphrased)",
                 "adddup2(fd, fd) clears FD_CLOEXEC of an open fd; when fd is not open the action fails as "
                 "dup2() would, [EBADF], and the spawn reports that error.",
                 {"dup2-same-fd-unchecked"},
                 dup2_same_fd_unopened});
  out.push_back({"file_actions.addchdir-then-relative-paths", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addchdir (paraphrased)",
                 "A relative path is interpreted relative to the working directory determined by any prior "
                 "actions: later addopen paths and a relative program resolve from the new directory.",
                 {"order"},
                 chdir_then_relative});
  out.push_back({"file_actions.addfchdir-changes-cwd", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addfchdir (paraphrased)",
                 "The fchdir action sets the child's working directory to the directory referenced by fildes, "
                 "as if fchdir(fildes) had been called, before the program is executed.",
                 {"fchdir-ignored"},
                 fchdir_changes_cwd});
  out.push_back({"file_actions.addclosefrom-closes-from-fd", Class::file_actions, Profile::Posix,
                 "glibc manual, posix_spawn_file_actions_addclosefrom_np (paraphrased)",
                 "The closefrom action closes every file descriptor greater than or equal to fd in the child, "
                 "as closefrom(fd) would; exec errors are still reported.",
                 {"closefrom-closes-pipe"},
                 closefrom});
  out.push_back({"file_actions.negative-fd-refused-ebadf", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addclose, adddup2, addopen, ERRORS",
                 "These functions shall fail if: [EBADF] The value specified by fildes is negative or greater than "
                 "or equal to {OPEN_MAX}.",
                 {"negative-fd-accepted"},
                 negative_fd_refused});
  out.push_back({"file_actions.fd-at-the-limit-refused", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2, addopen, ERRORS; dup2(2) EBADF",
                 "[EBADF] The value specified by fildes is negative or greater than or equal to {OPEN_MAX}.",
                 {"fd-limit-off-by-one", "fd-limit-ignored"},
                 fd_limit});
  out.push_back({"file_actions.closed-std-fds-get-exactly-what-asked", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If file_actions is a null pointer, then file descriptors open in the calling process shall "
                 "remain open in the child process, except for those whose close-on-exec flag FD_CLOEXEC is set.",
                 {"std-fds-filled"},
                 closed_std_fds});
}

}  // namespace sc
