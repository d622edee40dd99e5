// Exec-failure reporting and disposal of the failed child.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {

void add_path_search_checks(std::vector<Check>& out);  // path_search.cpp: posix_spawnp's search

namespace {

constexpr std::string_view kPosixSpawnErrors =
    "If posix_spawn() or posix_spawnp() fail for any of the reasons that would cause fork() or one of the exec "
    "family of functions to fail, an error value shall be returned as described by fork() and exec, "
    "respectively (or, if the error occurs after the calling process successfully returns, the child process "
    "shall exit with exit status 127).";

Case missing_program() {
  Case c = probe_case("exec-failure-missing-program");
  c.program = "bin/no-such-program";
  return c;
}

// Under Linux the caller is held until the exec has succeeded or failed, so
// the error is known before the call returns and must be returned (glibc
// since 2.24, musl): the exit-127 form is for errors found after return.
// An implementation that reports nothing returns 0.
Verdict error_returned(Session& s) {
  return expect_model_error(s, missing_program(), "ENOENT", "a missing program");
}

// Whatever form the failure takes, nothing runs in the program's place and
// no child is left behind.
// In either profile: both of POSIX's forms are accepted here, since the
// guarantee is that nothing else runs.
Verdict nothing_runs(Session& s) {
  Case c = missing_program();
  Run r = predict_and_run(s, c);
  bool returned = r.reply.ret == "ENOENT", exited127 = exit_127_form(r);
  if (auto t = trouble(r, c)) return *t;
  if (r.reply.probe) return Verdict::fail("a program ran although the exec failed", c, Cause{"ran", "the program runs where the call must fail"});
  if (!returned && !exited127)
    return Verdict::fail(fmt::format("returned {} for a missing program: neither ENOENT nor a child exiting 127",
                                     r.reply.ret), c);
  if (r.reply.zombies > 0)
    return Verdict::fail("the failed child was left unreaped", c, Cause{"zombie", "the call leaves a child unreaped"});
  return Verdict::pass();
}

// posix_spawn has no shell fallback: a file without "#!" that is not an
// executable format fails with ENOEXEC.
Verdict no_shell_fallback(Session& s) {
  Case c = probe_case("exec-failure-enoexec-no-shell");
  FixtureEntry script;
  script.kind = FixtureEntry::Kind::Script;
  script.path = "bin/script";
  script.mode = 0755;
  script.content = "exit 0\n";
  c.fixture.push_back(script);
  c.program = "bin/script";
  return expect_model(s, c, "a #!-less script");
}

// A file action that fails is the call's error (ignored: the program runs).
Verdict action_error_returned(Session& s) {
  Case c = probe_case("exec-failure-addopen-enoent");
  c.actions = {action(Op::ADDOPEN, 3, -1, "missing.txt", oflag("O_RDONLY"))};
  return expect_model_error(s, c, "ENOENT", "a failing addopen");
}

// The probe's case with `program` as the program and `entry` in the fixture.
Case runs(std::string name, Path program, std::optional<FixtureEntry> entry = std::nullopt) {
  Case c = probe_case(std::move(name));
  if (entry) c.fixture.push_back(*entry);
  c.program = std::move(program);
  return c;
}

// A script the probe would run, were it not for the missing execute bit:
// root's DAC override needs at least one x bit to exec.
Verdict no_execute_permission(Session& s) {
  return expect_model_error(s, runs("exec-failure-eacces-no-x-bit", "bin/tool", fixture_script("bin/tool", 0644)),
                            "EACCES", "a file without execute permission");
}

Verdict directory_program(Session& s) {
  return expect_model_error(
      s, runs("exec-failure-eacces-directory", "bin/tool", fixture_node(FixtureEntry::Kind::Dir, "bin/tool")),
      "EACCES", "a directory as the program");
}

// Opening a FIFO for reading would block; exec must refuse it first.
Verdict fifo_program(Session& s) {
  return expect_model_error(
      s, runs("exec-failure-eacces-fifo", "bin/tool", fixture_node(FixtureEntry::Kind::Fifo, "bin/tool")),
      "EACCES", "a FIFO as the program");
}

Verdict non_directory_component(Session& s) {
  return expect_model_error(
      s, runs("exec-failure-enotdir", "data.txt/probe", fixture_file("data.txt", "x")), "ENOTDIR",
      "a regular file used as a directory in the program's path");
}

Verdict symlink_loop(Session& s) {
  Case c = runs("exec-failure-eloop", "bin/loop1", fixture_symlink("bin/loop1", "loop2"));
  c.fixture.push_back(fixture_symlink("bin/loop2", "loop1"));
  return expect_model_error(s, c, "ELOOP", "a symlink loop as the program");
}

Verdict long_component(Session& s) {
  return expect_model_error(s, runs("exec-failure-enametoolong", "bin/" + std::string(256, 'x')), "ENAMETOOLONG",
                            "a path component of 256 bytes");
}

// Well past the largest limit the kernel may apply (6 MiB), whatever
// RLIMIT_STACK is, but each string below MAX_ARG_STRLEN.
Verdict argv_over_limit(Session& s) {
  Case c = probe_case("exec-failure-e2big-total");
  c.argv.insert(c.argv.end(), 70, std::string(100000, 'a'));
  return expect_model_error(s, c, "E2BIG", "7 MB of arguments");
}

Verdict argument_too_long(Session& s) {
  Case c = probe_case("exec-failure-e2big-one-string");
  c.argv.push_back(std::string(131072, 'a'));
  return expect_model_error(s, c, "E2BIG", "one argument of 128 KiB");
}

Verdict program_open_for_writing(Session& s) {
  Case c = runs("exec-failure-etxtbsy", "run.sh", fixture_script("run.sh", 0755));
  c.fds = {parent_open(3, "run.sh", oflag("O_WRONLY"))};
  return expect_model_error(s, c, "ETXTBSY", "a program the caller has open for writing");
}

Verdict addchdir_error(Session& s) {
  Case c = probe_case("exec-failure-addchdir-enoent");
  c.actions = {action(Op::ADDCHDIR, -1, -1, "no-such-dir")};
  return expect_model_error(s, c, "ENOENT", "addchdir to a missing directory");
}

Verdict addfchdir_error(Session& s) {
  Case c = runs("exec-failure-addfchdir-enotdir", "bin/probe", fixture_file("data.txt", "x"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"))};
  c.actions = {action(Op::ADDFCHDIR, 3)};
  return expect_model_error(s, c, "ENOTDIR", "addfchdir on a regular file");
}

// fd 5 is below RLIMIT_NOFILE, so no builder refuses it: the dup2 fails in
// the child.
Verdict adddup2_error(Session& s) {
  Case c = probe_case("exec-failure-adddup2-ebadf");
  c.actions = {action(Op::ADDDUP2, 5, 6)};
  return expect_model_error(s, c, "EBADF", "adddup2 from a closed fd");
}

std::vector<Case> error_number_cases();

// The return value itself is the error number: -1 with errno set (the
// fork() convention) is not one.
Verdict error_number_returned(Session& s) {
  return each(error_number_cases(), [&](const Case& c) { return expect_model_error(s, c, "ENOENT", "a failing call"); });
}

// The three stages a failure can come from: the exec, the search, a file
// action.
std::vector<Case> error_number_cases() {
  Case spawnp = probe_case("exec-failure-error-number-spawnp");
  spawnp.fixture.push_back(fixture_node(FixtureEntry::Kind::Dir, "empty"));
  spawnp.parent_env = {"PATH=empty"};
  spawnp.func = Func::Spawnp;
  spawnp.program = "tool";
  Case action_fails = probe_case("exec-failure-error-number-action");
  action_fails.actions = {action(Op::ADDOPEN, 3, -1, "missing.txt", oflag("O_RDONLY"))};
  return {missing_program(), spawnp, action_fails};
}

// With the caller's fds 0-2 closed an implementation's own descriptors
// (an error pipe) take them, and the actions and the exec may then write
// over them: a failing exec, addopen and adddup2 are reported whichever of
// 0-2 are open.
Verdict reported_whatever_std_fds(Session& s) {
  struct Failing {
    Case c;
    std::string error;
  };
  std::vector<Failing> failing;
  failing.push_back({with_data(missing_program()), "ENOENT"});
  Case open = with_data(probe_case("exec-failure-stdio-addopen"));
  open.actions = {action(Op::ADDOPEN, 1, -1, "missing.txt", oflag("O_RDONLY"))};
  failing.push_back({open, "ENOENT"});
  Case dup2 = with_data(probe_case("exec-failure-stdio-adddup2"));
  dup2.actions = {action(Op::ADDDUP2, 5, 0)};
  failing.push_back({dup2, "EBADF"});
  for (const auto& f : failing)
    if (Verdict v = each(stdio_subsets(f.c, "data.txt"),
                         [&](const Case& c) { return expect_model_error(s, c, f.error, "a failure with some of 0-2 closed"); });
        v.status != Status::Pass)
      return v;
  return Verdict::pass();
}

// A caller that ignores SIGCHLD has its children reaped by the kernel
// (waitpid(2): "the children ... do not become zombies"), one that catches
// it gets a signal per child: either way a failure is still reported, the
// program of a success still runs (inheriting the ignored SIGCHLD), and
// nothing is left behind.
Verdict reported_whatever_sigchld(Session& s) {
  std::vector<Case> cases;
  for (bool ignored : {true, false}) {
    for (bool fails : {true, false}) {
      Case c = fails ? missing_program() : probe_case("exec-failure-sigchld");
      c.name += ignored ? "-sigchld-ignored" : "-sigchld-caught";
      (ignored ? c.sigign : c.sigcatch) = sig("SIGCHLD");
      cases.push_back(std::move(c));
    }
  }
  return each(cases, [&](const Case& c) { return expect_model(s, c, "a spawn from a caller ignoring or catching SIGCHLD"); });
}

// Whatever stage fails (the exec, or a file action before it), the call
// disposes of the child it created.
Verdict failed_child_reaped(Session& s) {
  Case noexec = runs("exec-failure-reaped-enoexec", "bin/tool", fixture_file("bin/tool", "exit 0\n", 0755));
  Case dir = runs("exec-failure-reaped-eacces", "bin/tool", fixture_node(FixtureEntry::Kind::Dir, "bin/tool"));
  Case dup2 = probe_case("exec-failure-reaped-ebadf");
  dup2.actions = {action(Op::ADDDUP2, 5, 6)};
  int failed = 0;
  for (const Case& c : {missing_program(), noexec, dir, dup2}) {
    Run r = predict_and_run(s, c);
    exit_127_form(r);
    if (auto t = trouble(r, c)) return *t;
    if (r.reply.ret == "0") continue;  // not this check's business (see the error checks)
    ++failed;
    if (r.reply.zombies > 0)
      return Verdict::fail(fmt::format("after failing with {} the call left {} child process(es) unreaped",
                                       r.reply.ret, r.reply.zombies), c);
  }
  if (failed == 0) {
    std::string why = environment_limit(s, Needs::SharedVm);
    return Verdict::not_applicable(fmt::format("no stage failed with an error, so no failed call was left to look at{}",
                                               why.empty() ? "" : "; " + why));
  }
  return Verdict::pass(fmt::format("{} of 4 stages failed with an error, none left a child", failed));
}

}  // namespace

void add_exec_failure_checks(std::vector<Check>& out) {
  out.push_back({"exec_failure.missing-program-returns-enoent", Class::exec_failure, Profile::Linux,
                 "POSIX.1-2024 posix_spawn, ERRORS", std::string(kPosixSpawnErrors), {"exec-success"}, error_returned,
                 Needs::Nothing, "POSIX also lets a failure be reported as a child exiting 127; under Linux the caller is held until the exec, so the error is known when the call returns"});
  out.push_back({"exec_failure.failed-exec-runs-nothing", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, ERRORS", std::string(kPosixSpawnErrors), {"zombie"}, nothing_runs});
  out.push_back({"exec_failure.enoexec-without-shell-fallback", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, DESCRIPTION",
                 "If the process image file is not a valid executable object, the posix_spawn() and posix_spawnp() "
                 "functions shall fail [ENOEXEC] (POSIX.1-2024 removed the shell fallback for posix_spawnp).",
                 {"shell-fallback"},
                 no_shell_fallback});
  out.push_back({"exec_failure.file-action-error-returned", Class::exec_failure, Profile::Linux,
                 "POSIX.1-2024 posix_spawn, ERRORS",
                 "If the file actions fail, the error shall be returned by posix_spawn() (glibc and musl report "
                 "it before returning, like exec errors).",
                 {"exec-success"},
                 action_error_returned, Needs::Nothing, "POSIX also lets a failure be reported as a child exiting 127; under Linux the caller is held until the exec, so the error is known when the call returns"});
  const std::string exec_source = "POSIX.1-2024 exec, ERRORS (returned by posix_spawn as its ERRORS say)";
  out.push_back({"exec_failure.no-execute-permission-eacces", Class::exec_failure, Profile::Posix, exec_source,
                 "[EACCES] Search permission is denied for a directory listed in the new process image file's path "
                 "prefix, or the new process image file denies execution permission.",
                 {"errors-as-enoent"},
                 no_execute_permission});
  out.push_back({"exec_failure.directory-program-eacces", Class::exec_failure, Profile::Posix, exec_source,
                 "[EACCES] The new process image file is not a regular file and the implementation does not "
                 "support execution of files of its type.",
                 {"errors-as-enoent"},
                 directory_program});
  out.push_back({"exec_failure.fifo-program-eacces", Class::exec_failure, Profile::Posix, "execve(2), ERRORS",
                 "EACCES The file or a script interpreter is not a regular file.", {"errors-as-enoent"}, fifo_program});
  out.push_back({"exec_failure.non-directory-component-enotdir", Class::exec_failure, Profile::Posix, exec_source,
                 "[ENOTDIR] A component of the new process image file's path prefix names an existing file that "
                 "is neither a directory nor a symbolic link to a directory.",
                 {"errors-as-enoent"},
                 non_directory_component});
  out.push_back({"exec_failure.symlink-loop-eloop", Class::exec_failure, Profile::Posix, exec_source,
                 "[ELOOP] A loop exists in symbolic links encountered during resolution of the path or file "
                 "argument.",
                 {"errors-as-enoent"},
                 symlink_loop});
  out.push_back({"exec_failure.long-component-enametoolong", Class::exec_failure, Profile::Posix, exec_source,
                 "[ENAMETOOLONG] The length of a component of a pathname is longer than {NAME_MAX}.",
                 {"errors-as-enoent"},
                 long_component});
  out.push_back({"exec_failure.argv-over-limit-e2big", Class::exec_failure, Profile::Posix, exec_source,
                 "[E2BIG] The number of bytes used by the new process image's argument list and environment list "
                 "is greater than the system-imposed limit of {ARG_MAX} bytes.",
                 {"errors-as-enoent"},
                 argv_over_limit});
  out.push_back({"exec_failure.argument-too-long-e2big", Class::exec_failure, Profile::Posix,
                 "execve(2), ERRORS and \"Limits on size of arguments and environment\" (paraphrased)",
                 "E2BIG: an argument or environment string is too long; on Linux each string, with its "
                 "terminating null byte, is limited to MAX_ARG_STRLEN (32 pages, 131072 bytes).",
                 {"errors-as-enoent"},
                 argument_too_long});
  out.push_back({"exec_failure.program-open-for-writing-etxtbsy", Class::exec_failure, Profile::Posix, exec_source,
                 "[ETXTBSY] The new process image file is a pure procedure (shared text) file that is currently "
                 "open for writing by some process.",
                 {"errors-as-enoent"},
                 program_open_for_writing});
  const std::string deferred =
      "It shall not be considered an error for the fildes argument passed to these functions to specify a file "
      "descriptor for which the specified operation could not be performed at the time of the call. Any such "
      "error will be detected when the associated file actions object is later used during a posix_spawn() or "
      "posix_spawnp() operation.";
  out.push_back({"exec_failure.addchdir-error-returned", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, ERRORS (paraphrased)",
                 "If a change current working directory action fails, posix_spawn() shall fail with the error "
                 "chdir() would give (here [ENOENT]), returned before the call returns on Linux.",
                 {"action-errors-ignored"},
                 addchdir_error});
  out.push_back({"exec_failure.addfchdir-error-returned", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addfchdir (paraphrased)",
                 "It is not an error for fildes to name a descriptor that fchdir() cannot use at the time of the "
                 "call; the error ([ENOTDIR] for a regular file) is detected and returned when posix_spawn() uses "
                 "the file actions object.",
                 {"action-errors-ignored"},
                 addfchdir_error});
  out.push_back({"exec_failure.adddup2-error-returned", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2", deferred, {"action-errors-ignored"}, adddup2_error});
  const std::string return_value =
      "Otherwise, no child process shall be created, the value stored into the variable pointed to by a "
      "non-NULL pid is unspecified, and an error number shall be returned as the function return value to "
      "indicate the error.";
  out.push_back({"exec_failure.error-number-not-minus-one", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RETURN VALUE", return_value, {"returns-minus-one"}, error_number_returned});
  out.push_back({"exec_failure.failed-child-reaped-every-stage", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RETURN VALUE", return_value, {"zombie"}, failed_child_reaped});
  out.push_back({"exec_failure.reported-whatever-fds-0-2-hold", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, ERRORS and APPLICATION USAGE (paraphrased)",
                 std::string(kPosixSpawnErrors) + " (whichever descriptors the caller has open: an implementation "
                 "may use descriptors of its own, but must not lose the error to the caller's closed 0-2.)",
                 {"dup2-low-fd-clobbers-pipe"},
                 reported_whatever_std_fds});
  out.push_back({"exec_failure.reported-whatever-sigchld", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, ERRORS; waitpid(2), NOTES",
                 std::string(kPosixSpawnErrors) + " (POSIX.1-2024 waitpid: if SIGCHLD is set to be ignored, the "
                 "children of the calling process do not become zombies; the spawn still reports its error.)",
                 {"sigchld-lost-error"},
                 reported_whatever_sigchld});
  add_path_search_checks(out);
}

}  // namespace sc
