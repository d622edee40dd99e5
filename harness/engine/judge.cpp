#include "judge.h"

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

// The first field that differs, coarse enough to stay stable while a case
// shrinks (fd numbers are kept: a bug at fd 4 is not one at fd 0).
std::string kind_of(const Outcome& want, const Outcome& got) {
  if (want.error != got.error) return "error";
  if (want.child.has_value() != got.child.has_value()) return "ran";
  if (!want.child) return "none";
  const ChildState &w = *want.child, &g = *got.child;
  if (w.argv != g.argv) return "argv";
  if (w.envp != g.envp) return "envp";
  if (w.cwd != g.cwd) return "cwd";
  for (auto& [fd, st] : w.fds)
    if (auto it = g.fds.find(fd); it == g.fds.end() || it->second != st) return fmt::format("fd {}", fd);
  for (auto& [fd, st] : g.fds)
    if (!w.fds.count(fd)) return fmt::format("fd {}", fd);
  if (w.sigmask != g.sigmask) return "sigmask";
  if (w.sigign != g.sigign) return "sigign";
  if (w.sigcatch != g.sigcatch) return "sigcatch";
  if (w.umask != g.umask) return "umask";
  if (w.pgid_is_self != g.pgid_is_self || w.pgid_is_parent_pgid != g.pgid_is_parent_pgid) return "pgroup";
  return "session";
}

}  // namespace

std::optional<Verdict> trouble(const Exchange& r, const std::optional<Case>& c) {
  if (r.crashed) return Verdict::fail(fmt::format("the implementation {}", r.trouble), c);
  if (!r.trouble.empty()) return Verdict::broken(r.trouble);
  if (!r.unverifiable.empty()) return Verdict::not_applicable(r.unverifiable);
  if (r.reply.result == AgentReply::Result::Unsupported) return Verdict::unsupported(r.reply.reason);
  if (r.reply.result == AgentReply::Result::Broken) return Verdict::broken(r.reply.reason);
  return std::nullopt;
}

bool exit_127_form(Run& r) {
  if (r.reply.ret != "0" || r.reply.wait != AgentReply::Wait::Exited || r.reply.wait_code != 127) return false;
  r.unverifiable.clear();
  return true;
}

bool agrees(const Run& r) {
  return r.observed.outcome == comparable(r.predicted.outcome, r.observed.comparable_signals);
}

std::string difference(const Run& r) {
  return describe_difference(comparable(r.predicted.outcome, r.observed.comparable_signals), r.observed.outcome);
}

std::string describe_difference(const Outcome& want, const Outcome& got) {
  std::vector<std::string> d;
  if (want.error != got.error) d.push_back(fmt::format("returned {}, expected {}", got.error, want.error));
  if (want.child.has_value() != got.child.has_value())
    d.push_back(got.child ? "the program ran, expected it not to" : "the program did not run (no probe report)");
  if (want.child && got.child) {
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
    if (w.sid_is_self != g.sid_is_self)
      d.push_back(fmt::format("session leader {} expected {}", g.sid_is_self, w.sid_is_self));
  }
  return d.empty() ? "no difference" : fmt::format("{}", fmt::join(d, "; "));
}

Verdict judge(const Run& r, const Case& c, std::string_view what) {
  if (auto t = trouble(r, c)) return *t;
  if (!r.predicted.unpredictable.empty())
    return Verdict::broken(fmt::format("the model cannot predict this case: {}", r.predicted.unpredictable));
  if (!agrees(r)) return Verdict::fail(fmt::format("{}: {}", what, difference(r)), c);
  if (r.reply.zombies > 0)
    return Verdict::fail(fmt::format("{} child process(es) left unreaped by the call", r.reply.zombies), c);
  return Verdict::pass();
}

Judgement judge_run(const Run& r) {
  if (auto t = trouble(r)) {
    if (t->status == Status::Fail) return {Judged::Diverges, Divergence{"crash", t->reason}, {}, {}};
    return {Judged::Unusable, std::nullopt, t->reason, r.reply.missing_action};
  }
  if (!r.predicted.unpredictable.empty()) return {Judged::Unpredictable, std::nullopt, r.predicted.unpredictable, {}};
  if (!agrees(r)) {
    auto want = comparable(r.predicted.outcome, r.observed.comparable_signals);
    return {Judged::Diverges, Divergence{kind_of(want, r.observed.outcome), difference(r)}, {}, {}};
  }
  if (r.reply.zombies > 0)
    return {Judged::Diverges, Divergence{"zombie", fmt::format("{} child(ren) left unreaped", r.reply.zombies)}, {}, {}};
  return {};
}

}  // namespace sc
