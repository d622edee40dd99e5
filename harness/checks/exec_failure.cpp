// Exec-failure reporting and disposal of the failed child.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
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
Verdict error_returned(Session& s) {
  Case c = missing_program();
  Run r = s.run(c);
  if (auto t = trouble(r, c)) return *t;
  if (r.reply.ret != "ENOENT")
    return Verdict::fail(fmt::format("a missing program returned {} (child {}), expected ENOENT", r.reply.ret,
                                     r.reply.wait == AgentReply::Wait::Exited
                                         ? fmt::format("exited {}", r.reply.wait_code)
                                         : std::string("not waited")),
                         c);
  if (r.reply.zombies > 0) return Verdict::fail("the failed child was left unreaped", c);
  return Verdict::pass();
}

// Whatever form the failure takes, nothing runs in the program's place and
// no child is left behind.
Verdict nothing_runs(Session& s) {
  Case c = missing_program();
  Run r = s.run(c);
  if (auto t = trouble(r, c)) return *t;
  if (r.reply.probe) return Verdict::fail("a program ran although the exec failed", c);
  bool returned = r.reply.ret == "ENOENT";
  bool exited127 = r.reply.ret == "0" && r.reply.wait == AgentReply::Wait::Exited && r.reply.wait_code == 127;
  if (!returned && !exited127)
    return Verdict::fail(fmt::format("returned {} for a missing program: neither ENOENT nor a child exiting 127",
                                     r.reply.ret), c);
  if (r.reply.zombies > 0) return Verdict::fail("the failed child was left unreaped", c);
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

// A file action that fails is the call's error.
Verdict action_error_returned(Session& s) {
  Case c = probe_case("exec-failure-addopen-enoent");
  c.actions = {action(Op::ADDOPEN, 3, -1, "missing.txt", oflag("O_RDONLY"))};
  return expect_model(s, c, "a failing addopen");
}

}  // namespace

void add_exec_failure_checks(std::vector<Check>& out) {
  out.push_back({"exec_failure.missing-program-returns-enoent", Class::exec_failure, Profile::Linux,
                 "POSIX.1-2024 posix_spawn, ERRORS", std::string(kPosixSpawnErrors), error_returned});
  out.push_back({"exec_failure.failed-exec-runs-nothing", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, ERRORS", std::string(kPosixSpawnErrors), nothing_runs});
  out.push_back({"exec_failure.enoexec-without-shell-fallback", Class::exec_failure, Profile::Linux,
                 "POSIX.1-2024 posix_spawn, DESCRIPTION",
                 "If the process image file is not a valid executable object, the posix_spawn() and posix_spawnp() "
                 "functions shall fail [ENOEXEC] (POSIX.1-2024 removed the shell fallback for posix_spawnp).",
                 no_shell_fallback});
  out.push_back({"exec_failure.file-action-error-returned", Class::exec_failure, Profile::Linux,
                 "POSIX.1-2024 posix_spawn, ERRORS",
                 "If the file actions fail, the error shall be returned by posix_spawn() (glibc and musl report "
                 "it before returning, like exec errors).",
                 action_error_returned});
}

}  // namespace sc
