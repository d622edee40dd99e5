#include "findings.h"

#include <algorithm>

namespace sc {

Cause cause_of(const Result& r) {
  if (r.verdict.cause) return *r.verdict.cause;
  return {r.check->id, r.check->id};
}

std::vector<Finding> findings(const std::vector<Result>& results, const Baseline& baseline) {
  std::vector<Finding> out;
  for (const auto& r : results) {
    if (r.verdict.status != Status::Fail) continue;
    Cause c = cause_of(r);
    auto it = std::find_if(out.begin(), out.end(), [&](const Finding& f) { return f.cause.key == c.key; });
    if (it == out.end()) it = out.insert(out.end(), Finding{std::move(c), {}});
    it->results.push_back(&r);
  }
  for (auto& f : out) {
    auto accepted = baseline.find(f.cause.key);
    if (accepted == baseline.end()) continue;
    for (const auto* r : f.results)
      if (!accepted->second.contains(std::string(r->check->id))) f.beyond.push_back(r);
    f.baselined = f.beyond.empty();
  }
  return out;
}

FindingSummary summarise(const std::vector<Finding>& f, const Baseline& baseline) {
  FindingSummary s;
  s.findings = static_cast<int>(f.size());
  for (const auto& x : f) (x.baselined ? s.baselined : s.failing)++;
  for (const auto& [key, checks] : baseline)
    if (std::none_of(f.begin(), f.end(), [&](const Finding& x) { return x.cause.key == key; })) s.gone.push_back(key);
  return s;
}

int exit_status(const Summary& s, const FindingSummary& f) {
  if (f.failing > 0) return 1;
  if (s.broken > 0 || s.pass + s.fail == 0) return 2;
  return 0;
}

}  // namespace sc
