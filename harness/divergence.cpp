#include "divergence.h"

#include <fmt/format.h>

#include "checks/check_util.h"

namespace sc {
namespace {

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

Judgement judge_run(const Run& r) {
  if (auto t = trouble(r)) {
    if (t->status == Status::Fail) return {Judged::Diverges, Divergence{"crash", t->reason}, {}};
    return {Judged::Unusable, std::nullopt, t->reason};
  }
  if (!r.predicted.unpredictable.empty()) return {Judged::Unpredictable, std::nullopt, r.predicted.unpredictable};
  if (r.observed != r.predicted.outcome)
    return {Judged::Diverges,
            Divergence{kind_of(r.predicted.outcome, r.observed), describe_difference(r.predicted.outcome, r.observed)},
            {}};
  if (r.reply.zombies > 0)
    return {Judged::Diverges, Divergence{"zombie", fmt::format("{} child(ren) left unreaped", r.reply.zombies)}, {}};
  return {};
}

}  // namespace sc
