// catalogue.h — the checks of one report: which ones a filter selects, and
// running them against one (backend, target, profile). `check` writes one
// such run; `matrix` makes one per column.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check.h"
#include "result.h"
#include "session.h"

namespace sc {

// The registered checks whose id matches the glob, in registry order.
std::vector<const Check*> select_checks(const std::string& filter);

struct CatalogueRun {
  std::vector<Result> results;  // one per check, in order; empty when error is set
  // Why nothing ran: the agent did not start or the backend failed its
  // preflight ("backend libc: …", "setup: …").
  std::string error;
  double seconds = 0;  // wall time, agent start included
};

// Runs each check in its own turn on one Session; before_each (when set)
// hears of each check as it starts, for a progress line.
CatalogueRun run_catalogue(const std::vector<const Check*>& checks, const std::string& backend, const Target& target,
                           const Judging& judging, unsigned timeout_ms,
                           const std::function<void(const Check&)>& before_each = {});

}  // namespace sc
