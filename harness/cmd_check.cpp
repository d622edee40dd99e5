#include <fnmatch.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "checks/check_util.h"
#include "commands.h"
#include "progress.h"
#include "results.h"
#include "session.h"

namespace sc {

// One plain request first, so a backend that cannot work at all (an --impl
// lacking a required symbol, an agent that does not start) is one clear
// setup error instead of a column of BROKEN checks.
std::string preflight(Session& s) {
  Run r = s.run(probe_case("preflight"));
  if (!r.trouble.empty()) return r.trouble;
  if (r.reply.result == AgentReply::Result::Broken) return r.reply.reason;
  return {};
}

int cmd_check(const CheckOptions& o) {
  for (const auto& e : {backend_error(o.backend), target_error(o.target)})
    if (!e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
  auto target = target_named(o.target);
  std::vector<const Check*> selected;
  for (const auto& c : registry())
    if (::fnmatch(o.filter.c_str(), c.id.c_str(), 0) == 0) selected.push_back(&c);
  if (selected.empty()) {
    fmt::print(stderr, "spawncheck: no check matches --filter '{}' (see spawncheck list)\n", o.filter);
    return 2;
  }
  std::ofstream file;
  if (!o.output.empty()) {
    file.open(o.output);
    if (!file) {
      fmt::print(stderr, "spawncheck: cannot write --output {}\n", o.output);
      return 2;
    }
  }
  std::ostream& out = o.output.empty() ? std::cout : file;

  std::vector<Result> results;
  try {
    Session session(o.backend, *target, o.timeout_ms);
    if (auto e = preflight(session); !e.empty()) {
      fmt::print(stderr, "spawncheck: backend {}: {}\n", o.backend, e);
      return 2;
    }
    Progress progress(selected.size());
    for (const Check* c : selected) {
      progress.step(c->id);
      auto t0 = std::chrono::steady_clock::now();
      Verdict v = run_check(*c, session, o.profile);
      std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
      results.push_back({c, o.backend, std::move(v), dt.count()});
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "spawncheck: setup: {}\n", e.what());
    return 2;
  }
  if (o.format == "json") write_json(out, results, o.profile);
  else if (o.format == "junit") write_junit(out, results, o.profile);
  else write_text(out, results, o.profile);
  out.flush();
  auto s = summarise(results);
  if (s.pass == 0 && s.fail == 0)
    fmt::print(stderr, "spawncheck: no applicable check ran under profile {}\n", profile_name(o.profile));
  return exit_status(s);
}

}  // namespace sc
