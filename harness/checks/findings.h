// findings.h — FAILs grouped by what they are a symptom of: one finding per
// cause (Verdict::cause; a FAIL without one is a finding of its own), with
// the checks it explains, so that forty FAILs of one mechanism are one
// thing to fix. A baseline names findings accepted on purpose, each with
// the checks it was accepted for: they are reported as such and do not fail
// the run, but the same cause reaching a check it did not reach before does.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "result.h"

namespace sc {

// Cause key -> the checks it was accepted for.
using Baseline = std::map<std::string, std::set<std::string>>;

struct Finding {
  Cause cause;
  std::vector<const Result*> results;  // the FAILs it explains, in catalogue order
  bool baselined = false;              // its cause and every one of its checks are in the baseline
  std::vector<const Result*> beyond;   // its cause is in the baseline, these checks are not
};

// The findings of results, in the order of their first FAIL.
std::vector<Finding> findings(const std::vector<Result>& results, const Baseline& baseline = {});

// The cause a FAIL is grouped by.
Cause cause_of(const Result& r);

struct FindingSummary {
  int findings = 0, failing = 0, baselined = 0;
  std::vector<std::string> gone;  // baselined causes that no longer occur
};
FindingSummary summarise(const std::vector<Finding>& f, const Baseline& baseline);

// The exit status of a run (DESIGN.md): 1 when a finding not in the
// baseline remains, 2 when something broke or no applicable check ran
// (never 0 for nothing), else 0.
int exit_status(const Summary& s, const FindingSummary& f);

}  // namespace sc
