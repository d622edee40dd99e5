// File actions: applied in order, exactly as specified.
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
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"), true)};
  c.actions = {action(Op::ADDDUP2, 3, 3)};
  return expect_model(s, c, "adddup2(3, 3) of a close-on-exec fd");
}

// Each action sees the result of the ones before it: the order decides
// which file ends up on which descriptor.
Verdict applied_in_order(Session& s) {
  Case c = probe_case("file-actions-applied-in-order");
  c.fixture.push_back(fixture_file("a.txt", "a"));
  c.fixture.push_back(fixture_file("b.txt", "bb"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "a.txt", oflag("O_RDONLY")), action(Op::ADDDUP2, 3, 4),
               action(Op::ADDCLOSE, 3), action(Op::ADDOPEN, 3, -1, "b.txt", oflag("O_RDWR")),
               action(Op::ADDDUP2, 4, 5), action(Op::ADDDUP2, 3, 4)};
  return expect_model(s, c, "file actions in order");
}

// A dup2 cycle through a temporary fd swaps two descriptors.
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

Verdict addopen_append(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-append"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_WRONLY") | oflag("O_APPEND"))};
  return expect_model(s, c, "addopen with O_APPEND");
}

Verdict addopen_trunc(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-trunc"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_WRONLY") | oflag("O_TRUNC"))};
  if (Verdict v = expect_model(s, c, "addopen with O_TRUNC"); v.status != Status::Pass) return v;
  auto st = stat_in_root(s, "data.txt");
  if (!st) return Verdict::broken("stat(data.txt) after the run failed");
  if (st->st_size != 0) return Verdict::fail(fmt::format("O_TRUNC left data.txt {} bytes long", st->st_size), c);
  return Verdict::pass();
}

// open(2): the created file's mode is (mode & ~umask).
Verdict addopen_creat_mode(Session& s) {
  Case c = probe_case("file-actions-addopen-creat-umask");
  c.umask = 027;
  c.actions = {action(Op::ADDOPEN, 3, -1, "new.txt", oflag("O_WRONLY") | oflag("O_CREAT"), 0666)};
  if (Verdict v = expect_model(s, c, "addopen with O_CREAT"); v.status != Status::Pass) return v;
  auto st = stat_in_root(s, "new.txt");
  if (!st) return Verdict::fail("addopen with O_CREAT did not create new.txt", c);
  if ((st->st_mode & 07777) != 0640)
    return Verdict::fail(fmt::format("new.txt created with mode {:04o}, expected 0666 & ~0027 = 0640",
                                     st->st_mode & 07777), c);
  return Verdict::pass();
}

// fds 0-2 are taken, so fd 3 is the lowest free one: open(2) returns it
// with FD_CLOEXEC set, no dup2 happens, and the exec closes it.
Verdict cloexec_on_lowest_free_fd(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-cloexec-lowest-free"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY") | oflag("O_CLOEXEC"))};
  return expect_model(s, c, "addopen O_CLOEXEC onto the lowest free fd");
}

// open(2) returns fd 3; the dup2 onto 5 makes a descriptor with FD_CLOEXEC
// clear, which reaches the program.
Verdict cloexec_elsewhere_lost(Session& s) {
  Case c = with_data(probe_case("file-actions-addopen-cloexec-elsewhere"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDOPEN, 5, -1, "data.txt", oflag("O_RDONLY") | oflag("O_CLOEXEC"))};
  return expect_model(s, c, "addopen O_CLOEXEC onto a fd that is not the lowest free one");
}

// The agent scribbles over every path right after handing it to a builder
// (src/agent/run.c), so a kept pointer opens "????".
Verdict path_copied(Session& s) {
  Case c = with_data(probe_case("file-actions-path-copied"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY")),
               action(Op::ADDOPEN, 4, -1, "data.txt", oflag("O_WRONLY"))};
  return expect_model(s, c, "addopen paths the caller overwrote after adding them");
}

Verdict close_unopened(Session& s) {
  Case c = probe_case("file-actions-addclose-unopened");
  c.actions = {action(Op::ADDCLOSE, 7)};
  return expect_model_error(s, c, "0", "addclose of a fd that is not open");
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

Verdict dup2_same_fd_unopened(Session& s) {
  Case c = probe_case("file-actions-dup2-same-fd-unopened");
  c.actions = {action(Op::ADDDUP2, 5, 5)};
  return expect_model_error(s, c, "EBADF", "adddup2(5, 5) with fd 5 not open");
}

// After addchdir, a relative addopen and the relative program resolve in
// the new directory; data.txt exists only there.
Verdict chdir_then_relative(Session& s) {
  Case c = probe_case("file-actions-addchdir-then-relative");
  c.fixture = {fixture_node(FixtureEntry::Kind::Probe, "sub/probe"), fixture_file("sub/data.txt", "x")};
  c.program = "probe";
  c.actions = {action(Op::ADDCHDIR, -1, -1, "sub"), action(Op::ADDOPEN, 3, -1, "data.txt", oflag("O_RDONLY"))};
  return expect_model(s, c, "addchdir then relative paths");
}

Verdict fchdir_changes_cwd(Session& s) {
  Case c = probe_case("file-actions-addfchdir");
  c.fixture = {fixture_node(FixtureEntry::Kind::Probe, "sub/probe")};
  c.fds = {parent_open(3, "sub", oflag("O_RDONLY") | oflag("O_DIRECTORY"))};
  c.program = "probe";
  c.actions = {action(Op::ADDFCHDIR, 3)};
  return expect_model(s, c, "addfchdir");
}

// Every fd from 5 up goes, the implementation's own error channel aside:
// a failing exec must still be reported.
Verdict closefrom(Session& s) {
  Case c = with_data(probe_case("file-actions-addclosefrom"));
  for (int fd = 3; fd <= 6; ++fd) c.fds.push_back(parent_open(fd, "data.txt", oflag("O_RDONLY")));
  c.actions = {action(Op::ADDCLOSEFROM, 5)};
  if (Verdict v = expect_model(s, c, "addclosefrom 5"); v.status != Status::Pass) return v;
  c.name = "file-actions-addclosefrom-exec-fails";
  c.program = "bin/missing";
  return expect_model_error(s, c, "ENOENT", "a failing exec after addclosefrom 5");
}

// Each builder refuses a negative fd when it is added, so the call fails
// with EBADF and no close(-1) is ever attempted.
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
                 addopen_source, addopen, {"oflag-truncated"}, cloexec_on_lowest_free_fd});
  out.push_back({"file_actions.addopen-cloexec-elsewhere-lost", Class::file_actions, Profile::Posix,
                 addopen_source + " (glibc and musl behave so; DESIGN.md)", addopen, {"cloexec-kept-after-dup2"}, cloexec_elsewhere_lost});
  out.push_back({"file_actions.addopen-path-copied", Class::file_actions, Profile::Posix, addopen_source,
                 "The string described by path shall be copied by the posix_spawn_file_actions_addopen() function.",
                 {"path-not-copied"},
                 path_copied});
  out.push_back({"file_actions.addclose-unopened-fd-not-an-error", Class::file_actions, Profile::Linux,
                 "glibc 2.36 and musl 1.2.3 (measured; POSIX.1-2017 let the spawn fail, as Darwin does)",
                 "(paraphrased) A close action on a descriptor that is not open succeeds: glibc and musl ignore "
                 "the close() failure, so closing an fd the caller may or may not have is safe.",
                 {"close-error-reported"},
                 close_unopened});
  out.push_back({"file_actions.dup2-onto-implementation-fds", Class::file_actions, Profile::Linux,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2, and posix_spawn ERRORS",
                 "The descriptor referred to by newfildes is created as if dup2() had been called on fildes "
                 "prior to the new child process starting execution (whatever the implementation itself uses "
                 "that fd for, and exec errors are still returned).",
                 {"dup2-low-fd-clobbers-pipe"},
                 dup2_onto_low_fds});
  out.push_back({"file_actions.dup2-same-fd-unopened-ebadf", Class::file_actions, Profile::Linux,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2 (paraphrased)",
                 "adddup2(fd, fd) clears FD_CLOEXEC of an open fd; when fd is not open the action fails as "
                 "dup2() would, [EBADF], and posix_spawn() returns that error.",
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
  out.push_back({"file_actions.addclosefrom-closes-from-fd", Class::file_actions, Profile::Linux,
                 "glibc manual, posix_spawn_file_actions_addclosefrom_np (paraphrased)",
                 "The closefrom action closes every file descriptor greater than or equal to fd in the child, "
                 "as closefrom(fd) would; exec errors are still returned.",
                 {"closefrom-closes-pipe"},
                 closefrom});
  out.push_back({"file_actions.negative-fd-refused-ebadf", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addclose, adddup2, ERRORS",
                 "[EBADF] The value specified by fildes is negative or greater than or equal to {OPEN_MAX}.",
                 {"negative-fd-accepted"},
                 negative_fd_refused});
  out.push_back({"file_actions.closed-std-fds-get-exactly-what-asked", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If file_actions is a null pointer, then file descriptors open in the calling process shall "
                 "remain open in the child process, except for those whose close-on-exec flag FD_CLOEXEC is set.",
                 {"std-fds-filled"},
                 closed_std_fds});
}

}  // namespace sc
