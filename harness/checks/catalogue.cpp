#include "catalogue.h"

#include <fnmatch.h>

#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "interrupt.h"

namespace sc {

std::vector<const Check*> select_checks(const std::string& filter) {
  std::vector<const Check*> selected;
  for (const auto& c : registry())
    if (::fnmatch(filter.c_str(), c.id.c_str(), 0) == 0) selected.push_back(&c);
  return selected;
}

CatalogueRun run_catalogue(const std::vector<const Check*>& checks, const std::string& backend, const Target& target,
                           const Judging& judging, unsigned timeout_ms,
                           const std::function<void(const Check&)>& before_each) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  CatalogueRun run;
  auto since = [](Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  try {
    Session session(backend, target, timeout_ms, judging);
    if (auto e = preflight(session); !e.empty()) {
      run.error = fmt::format("backend {}: {}", backend, e);
    } else {
      for (const Check* c : checks) {
        if (before_each) before_each(*c);
        auto t0 = Clock::now();
        Verdict v = run_check(*c, session);
        if (interrupted()) break;  // v may be a request cut short
        run.results.push_back({c, backend, std::move(v), since(t0)});
      }
    }
  } catch (const std::exception& e) {
    run.error = fmt::format("setup: {}", e.what());
  }
  if (interrupted()) run.error = interruption();  // whatever failed, it was cut short
  if (!run.error.empty()) run.results.clear();
  run.seconds = since(start);
  return run;
}

}  // namespace sc
