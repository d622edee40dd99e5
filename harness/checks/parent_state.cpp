// Parent-state isolation: the caller is as it was before the call.
#include <optional>

#include <fmt/format.h>

#include "check.h"
#include "environment.h"
#include "expect.h"

namespace sc {
namespace {

// A request that changes everything it can in the child.
Case changing_request(std::string name) {
  Case c = probe_case(std::move(name));
  FixtureEntry dir;
  dir.kind = FixtureEntry::Kind::Dir;
  dir.path = "sub";
  dir.mode = 0755;
  c.fixture.push_back(dir);
  FixtureEntry probe_in_sub = c.fixture.front();
  probe_in_sub.path = "sub/probe";
  c.fixture.push_back(probe_in_sub);
  c.umask = 027;
  c.sigmask = sig("SIGUSR1");
  c.sigign = sig("SIGPIPE");
  c.sigcatch = sig("SIGTERM") | sig("SIGHUP");
  c.fds = {parent_open(3, "bin/probe", oflag("O_RDONLY")), parent_open(4, "bin/probe", oflag("O_RDONLY"), true)};
  c.actions = {action(Op::ADDCHDIR, -1, -1, "sub"), action(Op::ADDCLOSE, 3), action(Op::ADDDUP2, 4, 5)};
  c.program = "probe";  // relative to the child's cwd after addchdir
  c.attr.flags = attrflag("SETSIGMASK") | attrflag("SETSIGDEF") | attrflag("SETPGROUP");
  c.attr.sigmask = sig("SIGUSR2");
  c.attr.sigdefault = sig("SIGPIPE");
  c.attr.pgroup = 0;
  return c;
}

// The caller's observed state must be identical before and after c.
Verdict caller_unchanged_by(Session& s, const Case& c) {
  Run r = predict_and_run(s, c);
  if (auto t = trouble(r, c)) return *t;
  const auto &b = r.reply.before, &a = r.reply.after;
  std::vector<std::string> changed;
  if (b.fds != a.fds) changed.emplace_back("fd table");
  if (b.sigmask != a.sigmask) changed.emplace_back("signal mask");
  if (b.sigign != a.sigign) changed.emplace_back("ignored signals");
  if (b.sigcatch != a.sigcatch) changed.emplace_back("caught signals");
  if (b.cwd != a.cwd) changed.emplace_back("cwd");
  if (b.umask != a.umask) changed.emplace_back("umask");
  if (!changed.empty())
    return Verdict::fail(fmt::format("the call changed the caller's {}", fmt::join(changed, ", ")), c);
  if (r.reply.zombies > 0) return Verdict::fail("a child was left unreaped", c);
  if (!agrees(r)) return judge(r, c, "the program's state");
  return Verdict::pass();
}

Verdict caller_unchanged(Session& s) {
  return caller_unchanged_by(s, changing_request("parent-state-caller-unchanged"));
}

// The same request failing at its exec: an implementation's error path
// must undo what its success path undoes (the caller's mask first).
Verdict caller_unchanged_after_failure(Session& s) {
  Case c = changing_request("parent-state-caller-unchanged-after-failure");
  c.program = "no-such-program";
  return caller_unchanged_by(s, c);
}

// The failed child of a vfork-style spawn runs on the caller's memory: if it
// calls exit() instead of _exit(), the caller's atexit handlers run and its
// unflushed stdio buffer is written twice.
Verdict failed_child_uses__exit(Session& s) {
  auto r = s.scenario(Scenario::exit_hazard);
  if (auto t = trouble(r)) return *t;
  if (r.record.flag(Field::exit_hazard_atexit_ran)) return Verdict::fail("the caller's atexit handler ran in the failed child");
  if (auto n = r.record.count(Field::exit_hazard_canary_count); n != 1)
    return Verdict::fail(fmt::format("the caller's unflushed stdio buffer was written {} times, expected once", n));
  return Verdict::pass();
}

// A spawn's end as the outcome form the model compares: the error the call
// returned and whether the child exited 127. `status` is how the only
// child the caller could then wait for ended ("none": the call reaped it).
std::optional<Outcome> failure_form(const std::string& ret, const std::string& status) {
  Outcome o;
  o.error = ret;
  o.stage.call = ret == "0" ? Stage::Call::None : Stage::Call::Spawn;
  o.exited_127 = status == "exited 127";
  if ((ret == "0") != o.exited_127 || (ret != "0" && status != "none")) return std::nullopt;
  return o;
}

// POSIX lets the caller pass no pid. With none, an implementation that
// writes through it crashes the caller, one that needs it to spawn or reap
// shows it here: the probe must run, and a missing program must end as
// any failure form the model allows (the error returned and the child
// reaped, or 0 and the child's exit 127), like the same spawn with a pid.
Verdict null_pid_accepted(Session& s) {
  auto r = s.scenario(Scenario::null_pid);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (v.error(Field::null_pid_ret) != "0" || !v.flag(Field::null_pid_ran))
    return Verdict::fail(fmt::format("with pid NULL the probe's spawn returned {} and the probe {} (its child: {})",
                                     v.error(Field::null_pid_ret), v.flag(Field::null_pid_ran) ? "ran" : "did not run",
                                     v.text(Field::null_pid_status)));
  Case missing = probe_case("null-pid-missing-program");
  missing.program = "no-such-program";
  const auto got = failure_form(v.error(Field::null_pid_failed_ret), v.text(Field::null_pid_failed_status));
  if (!got)
    return Verdict::fail(fmt::format("with pid NULL a missing program's spawn returned {} and left its child: {}",
                                     v.error(Field::null_pid_failed_ret), v.text(Field::null_pid_failed_status)),
                         std::nullopt, Cause{"zombie", "the call leaves a child unreaped"});
  // Judged as the same spawn with a pid would be.
  Run as_run;
  as_run.predicted = predict(missing, s.model_env());
  as_run.observed.outcome = *got;
  if (got->exited_127) as_run.reply.wait = AgentReply::Wait::Exited, as_run.reply.wait_code = 127;
  if (as_run.predicted.allows(*got)) return Verdict::pass();
  if (auto lost = lost_error(s.hello(), as_run); !lost.empty()) return Verdict::not_applicable(lost);
  auto cmp = compare(as_run, missing);
  return Verdict::fail(fmt::format("with pid NULL a missing program's spawn: {}", cmp.difference), std::nullopt,
                       cmp.cause);
}

}  // namespace

void add_parent_state_checks(std::vector<Check>& out) {
  out.push_back({"parent_state.caller-unchanged", Class::parent_state, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RATIONALE",
                 "The posix_spawn() function and its close relation posix_spawnp() have been introduced to overcome "
                 "the following perceived difficulties with fork(): ... the process-creation operation should not "
                 "change the state of the calling process.",
                 {"parent-mask"},
                 caller_unchanged});
  out.push_back({"parent_state.caller-unchanged-after-failure", Class::parent_state, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RATIONALE",
                 "The posix_spawn() function and its close relation posix_spawnp() have been introduced to overcome "
                 "the following perceived difficulties with fork(): ... the process-creation operation should not "
                 "change the state of the calling process.",
                 {"mask-not-restored-on-error"},
                 caller_unchanged_after_failure});
  out.push_back({"parent_state.failed-child-does-not-exit", Class::parent_state, Profile::Posix,
                 "vfork(2), Linux description",
                 "The child must not return from the current function or call exit(3) (which would have the effect "
                 "of calling exit handlers established by the parent process and flushing the parent's stdio(3) "
                 "buffers), but may call _exit(2).",
                 {"exit-not-_exit"},
                 failed_child_uses__exit});
  out.push_back({"parent_state.null-pid-accepted", Class::parent_state, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RETURN VALUE",
                 "Upon successful completion, posix_spawn() and posix_spawnp() shall return the process ID of the "
                 "child process to the parent process, in the variable pointed to by a non-NULL pid argument, and "
                 "shall return zero as the function return value.",
                 {"null-pid-written"},
                 null_pid_accepted});
}

}  // namespace sc
