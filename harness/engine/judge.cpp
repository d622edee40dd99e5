#include "judge.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "surface.h"

namespace sc {
namespace {

std::string fd_text(const FdState& f) {
  auto flags = oflags_text(f.flags);
  return fmt::format("{} {} {} cloexec={} off={}", f.identity, f.kind, flags.empty() ? "-" : flags, f.cloexec ? 1 : 0,
                     f.offset ? std::to_string(*f.offset) : "-");
}

std::string sigs_text(SigSet s) {
  std::vector<std::string> out;
  for (int n = 1; n <= kMaxSignal; ++n)
    if (s & sigbit(n)) out.push_back(std::to_string(n));
  return out.empty() ? "-" : fmt::format("{}", fmt::join(out, ","));
}

std::string strings_text(const std::vector<std::string>& v) {
  std::vector<std::string> q;
  for (auto& s : v) q.push_back(fmt::format("{:?}", s));
  return fmt::format("[{}]", fmt::join(q, ", "));
}

// The prediction as far as the observation can show it.
Outcome comparable(Outcome o, SigSet signals) {
  if (o.child) o.child->sigmask &= signals, o.child->sigign &= signals, o.child->sigcatch &= signals;
  return o;
}

std::vector<std::string> differences(const Outcome& want, const Outcome& got, const Case* c) {
  std::vector<std::string> d;
  if (want.exited_127 != got.exited_127 || want.error != got.error || want.stage != got.stage) {
    d.push_back(fmt::format("{}, expected: {}", summary(got, c), summary(want, c)));
    return d;
  }
  if (want.child.has_value() != got.child.has_value())
    d.push_back(got.child ? "the program ran, expected it not to" : "the program did not run (no probe report)");
  if (!want.child || !got.child) return d;
  const ChildState &w = *want.child, &g = *got.child;
  if (w.argv != g.argv) d.push_back(fmt::format("argv {} expected {}", strings_text(g.argv), strings_text(w.argv)));
  if (w.envp != g.envp) d.push_back(fmt::format("envp {} expected {}", strings_text(g.envp), strings_text(w.envp)));
  if (w.cwd != g.cwd) d.push_back(fmt::format("cwd {} expected {}", g.cwd, w.cwd));
  for (auto& [fd, st] : w.fds) {
    auto it = g.fds.find(fd);
    if (it == g.fds.end()) d.push_back(fmt::format("fd {} missing, expected {}", fd, fd_text(st)));
    else if (it->second != st) d.push_back(fmt::format("fd {} is {}, expected {}", fd, fd_text(it->second), fd_text(st)));
  }
  for (auto& [fd, st] : g.fds)
    if (!w.fds.count(fd)) d.push_back(fmt::format("fd {} ({}) open, expected closed", fd, fd_text(st)));
  if (w.sigmask != g.sigmask)
    d.push_back(fmt::format("signal mask {} expected {}", sigs_text(g.sigmask), sigs_text(w.sigmask)));
  if (w.sigign != g.sigign)
    d.push_back(fmt::format("ignored signals {} expected {}", sigs_text(g.sigign), sigs_text(w.sigign)));
  if (w.sigcatch != g.sigcatch)
    d.push_back(fmt::format("caught signals {} expected {}", sigs_text(g.sigcatch), sigs_text(w.sigcatch)));
  if (w.umask != g.umask) d.push_back(fmt::format("umask {:04o} expected {:04o}", g.umask, w.umask));
  if (w.pgid_is_self != g.pgid_is_self || w.pgid_is_parent_pgid != g.pgid_is_parent_pgid)
    d.push_back(fmt::format("process group: leads own {} / caller's {}, expected {} / {}", g.pgid_is_self,
                            g.pgid_is_parent_pgid, w.pgid_is_self, w.pgid_is_parent_pgid));
  if (w.sid_is_self != g.sid_is_self) d.push_back(fmt::format("session leader {} expected {}", g.sid_is_self, w.sid_is_self));
  return d;
}

// What a difference between the nearest allowed outcome and the observation
// is a symptom of. Keys name the mechanism, not the case, so that every
// check and every fuzz case showing the same bug share one.
Cause cause_of(const Outcome& want, const Outcome& got, const Case* c) {
  using C = Stage::Call;
  // A caller ignoring SIGCHLD never sees the 127: the call's 0 and no
  // program are all that shows of the same mechanism.
  const bool unseen_127 = c && (c->sigign & sig("SIGCHLD")) && got.error == "0" && !got.child &&
                          (got.stage.call == C::None || got.stage.call == C::Spawn);
  if ((got.exited_127 || unseen_127) && !want.exited_127 && want.error != "0")
    return {"exit-127", "a failure is reported as a child exiting 127, not as an error number the call returns"};
  if (got.exited_127 && !want.exited_127)
    return {"exit-127:unexpected", "the program does not run: the child exits 127 where the spawn should succeed"};
  if (want.exited_127 != got.exited_127 || want.error != got.error || want.stage != got.stage) {
    if (got.stage.call == C::Setter || got.stage.call == C::Init)
      return {fmt::format("refused:{}:{}", stage_text(got.stage, nullptr), got.error),
              fmt::format("{} returns {}", stage_text(got.stage, nullptr), got.error)};
    if (got.stage.call == C::Builder && c && got.stage.index < c->actions.size()) {
      auto name = action_info(c->actions[got.stage.index].op).name;
      return {fmt::format("refused:{}:{}", name, got.error),
              fmt::format("posix_spawn_file_actions_{} returns {} where it must not", name, got.error)};
    }
    if (want.stage.call == C::Builder && c && want.stage.index < c->actions.size()) {
      auto name = action_info(c->actions[want.stage.index].op).name;
      return {fmt::format("accepted:{}:{}", name, want.error),
              fmt::format("posix_spawn_file_actions_{} accepts what it must refuse with {}", name, want.error)};
    }
    if (got.error == "0")
      return {fmt::format("unreported:{}", want.error), fmt::format("the call returns 0 where it must fail with {}", want.error)};
    if (want.error == "0")
      return {fmt::format("error:{}", got.error), fmt::format("the call fails with {} where it must succeed", got.error)};
    return {fmt::format("error:{}->{}", want.error, got.error),
            fmt::format("the call fails with {} where it must fail with {}", got.error, want.error)};
  }
  if (want.child.has_value() != got.child.has_value())
    return got.child ? Cause{"ran", "the program runs where the call must fail"}
                     : Cause{"not-run", "the program does not run (no probe report)"};
  const ChildState &w = *want.child, &g = *got.child;
  auto child = [](std::string_view what, std::string_view title) {
    return Cause{fmt::format("child:{}", what), std::string(title)};
  };
  if (w.argv != g.argv) return child("argv", "the program's argv is not the one passed");
  if (w.envp != g.envp) return child("envp", "the program's environment is not the one passed");
  if (w.cwd != g.cwd) return child("cwd", "the program's working directory differs");
  for (auto& [fd, st] : w.fds) {
    auto it = g.fds.find(fd);
    if (it == g.fds.end()) return child("fd-missing", "a descriptor the program should have is closed");
    if (it->second.identity != st.identity) return child("fd-identity", "a descriptor leads to the wrong file");
    if (it->second.flags != st.flags) return child("fd-flags", "a descriptor's access mode or status flags differ");
    if (it->second.offset != st.offset) return child("fd-offset", "a descriptor's offset differs");
  }
  for (auto& [fd, st] : g.fds)
    if (!w.fds.count(fd)) return child("fd-extra", "the program has a descriptor it should not have");
  if (w.sigmask != g.sigmask) return child("sigmask", "the program's signal mask differs");
  if (w.sigign != g.sigign) return child("sigign", "the program's ignored signals differ");
  if (w.sigcatch != g.sigcatch) return child("sigcatch", "the program starts with caught signals");
  if (w.umask != g.umask) return child("umask", "the program's umask differs");
  if (w.pgid_is_self != g.pgid_is_self || w.pgid_is_parent_pgid != g.pgid_is_parent_pgid)
    return child("pgroup", "the program's process group differs");
  return child("session", "the program's session differs");
}

// The options an allowed outcome rests on, by name (spawncheck list
// --choices says who takes each).
std::string taken_text(const Allowed& a) {
  std::vector<std::string> t;
  for (const auto& x : a.taken) {
    const auto& info = choice_info(x.choice);
    t.push_back(fmt::format("{}: {}", info.name, info.options.at(x.option).name));
  }
  return t.empty() ? std::string() : fmt::format(" [{}]", fmt::join(t, "; "));
}

Cause crash_cause(const Exchange& r) {
  if (r.reply.result == AgentReply::Result::Crashed)
    return {fmt::format("crash:{}", r.reply.reason), fmt::format("the implementation crashes the caller ({})", r.reply.reason)};
  if (r.reply.result == AgentReply::Result::Timeout) return {"hang", "the implementation hangs the caller"};
  return {"lost-agent", "the implementation kills or hangs the agent"};
}

}  // namespace

std::string summary(const Outcome& o, const Case* c) {
  if (o.exited_127) return "returned 0 and the child exited 127";
  if (o.error != "0") return fmt::format("returned {} from {}", o.error, stage_text(o.stage, c));
  return o.child ? "returned 0 and the program ran" : "returned 0 and the program did not report";
}

std::optional<Verdict> trouble(const Exchange& r, const std::optional<Case>& c) {
  if (r.crashed) return Verdict::fail(fmt::format("the implementation {}", r.trouble), c, crash_cause(r));
  if (!r.trouble.empty()) return Verdict::broken(r.trouble);
  if (!r.unverifiable.empty()) return Verdict::not_applicable(r.unverifiable);
  if (r.reply.result == AgentReply::Result::Unsupported) return Verdict::unsupported(r.reply.reason);
  if (r.reply.result == AgentReply::Result::Broken) return Verdict::broken(r.reply.reason);
  return std::nullopt;
}

bool exit_127_form(Run& r) {
  if (!r.observed.outcome.exited_127) return false;
  r.unverifiable.clear();
  return true;
}

bool agrees(const Run& r) {
  return std::any_of(r.predicted.allowed.begin(), r.predicted.allowed.end(), [&](const Allowed& a) {
    return comparable(a.outcome, r.observed.comparable_signals) == r.observed.outcome;
  });
}

std::string describe_difference(const Outcome& want, const Outcome& got, const Case* c) {
  auto d = differences(want, got, c);
  return d.empty() ? "no difference" : fmt::format("{}", fmt::join(d, "; "));
}

Comparison compare(const Run& r, const Case& c) {
  const auto& allowed = r.predicted.allowed;
  const Allowed* nearest = nullptr;
  std::size_t fewest = 0;
  for (const auto& a : allowed) {
    auto n = differences(comparable(a.outcome, r.observed.comparable_signals), r.observed.outcome, &c).size();
    if (!nearest || n < fewest) nearest = &a, fewest = n;
  }
  if (!nearest) return {"the model allows nothing", {"model", "the model cannot predict the case"}};
  const Outcome want = comparable(nearest->outcome, r.observed.comparable_signals);
  Comparison out{describe_difference(want, r.observed.outcome, &c), cause_of(want, r.observed.outcome, &c)};
  if (allowed.size() > 1) {
    std::vector<std::string> all;
    for (const auto& a : allowed) all.push_back(summary(a.outcome, &c) + taken_text(a));
    out.difference += fmt::format("; allowed: {}", fmt::join(all, " | "));
  }
  return out;
}

Verdict judge(const Run& r, const Case& c, std::string_view what) {
  if (auto t = trouble(r, c)) return *t;
  if (!r.predicted.unpredictable.empty())
    return Verdict::broken(fmt::format("the model cannot predict this case: {}", r.predicted.unpredictable));
  if (!agrees(r)) {
    auto cmp = compare(r, c);
    return Verdict::fail(fmt::format("{}: {}", what, cmp.difference), c, cmp.cause);
  }
  if (r.reply.zombies > 0)
    return Verdict::fail(fmt::format("{} child process(es) left unreaped by the call", r.reply.zombies), c,
                         Cause{"zombie", "the call leaves a child unreaped"});
  return Verdict::pass();
}

Judgement judge_run(const Run& r, const Case& c) {
  if (auto t = trouble(r)) {
    if (t->status == Status::Fail) return {Judged::Diverges, Divergence{*t->cause, t->reason}, {}, {}};
    return {Judged::Unusable, std::nullopt, t->reason, r.reply.missing_action};
  }
  if (!r.predicted.unpredictable.empty()) return {Judged::Unpredictable, std::nullopt, r.predicted.unpredictable, {}};
  if (!agrees(r)) {
    auto cmp = compare(r, c);
    return {Judged::Diverges, Divergence{cmp.cause, cmp.difference}, {}, {}};
  }
  if (r.reply.zombies > 0)
    return {Judged::Diverges,
            Divergence{{"zombie", "the call leaves a child unreaped"},
                       fmt::format("{} child(ren) left unreaped", r.reply.zombies)},
            {}, {}};
  return {};
}

}  // namespace sc
