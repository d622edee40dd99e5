#include <memory>

#include <fmt/format.h>

#include "backends.h"
#include "case_files.h"
#include "commands.h"
#include "interrupt.h"
#include "judge.h"
#include "session.h"

namespace sc {
namespace {

std::string outcome_summary(const Outcome& o) {
  if (o.error != "0") return fmt::format("returned {}", o.error);
  return o.child ? "returned 0, the program ran" : "returned 0, the program did not report";
}

struct Loaded {
  std::string file;
  Case c;
};

// Reads and parses every case first: a malformed file is a usage error
// before anything runs.
std::optional<std::vector<Loaded>> load(const std::vector<std::string>& files) {
  std::vector<Loaded> out;
  for (const auto& f : files) {
    Loaded l{f, {}};
    if (auto e = read_case_file(f, l.c); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return std::nullopt;
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

int cmd_replay(const ReplayOptions& o) {
  for (const auto& b : o.backends)
    if (auto e = backend_error(b); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
  auto cases = load(o.cases);
  if (!cases) return 2;
  for (const auto& b : o.backends)
    if (auto e = target_error(o.target, b, o.probe_mode); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }

  bool differs = false, broken = false;
  try {
    std::vector<std::unique_ptr<Session>> sessions;
    for (const auto& b : o.backends)
      sessions.push_back(std::make_unique<Session>(b, *resolve_target(o.target, b, o.probe_mode).target, o.timeout_ms));
    for (const auto& [file, c] : *cases) {
      if (interrupted()) break;
      fmt::print("case {} ({})\n", c.name, file);
      std::vector<std::pair<std::string, Outcome>> observed;
      for (auto& s : sessions) {
        Run r = predict_and_run(*s, c);
        if (auto t = trouble(r, c); t && t->status != Status::Fail) {
          fmt::print("  [{}] {}: {}\n", s->backend(), status_name(t->status), t->reason);
          broken |= t->status == Status::Broken;
          continue;
        } else if (t) {
          fmt::print("  [{}] FAIL: {}\n", s->backend(), t->reason);
          differs = true;
          continue;
        }
        fmt::print("  [{}] {}\n", s->backend(), outcome_summary(r.observed.outcome));
        if (!r.predicted.unpredictable.empty()) {
          fmt::print("    model: cannot predict ({})\n", r.predicted.unpredictable);
        } else if (!agrees(r)) {
          fmt::print("    DIFFERS from the model: {}\n", difference(r));
          for (const auto& line : r.predicted.trace) fmt::print("      model: {}\n", line);
          differs = true;
        } else {
          fmt::print("    matches the model\n");
        }
        if (c.expect.error && *c.expect.error != r.observed.outcome.error) {
          fmt::print("    DIFFERS from `expect error {}`\n", *c.expect.error);
          differs = true;
        }
        if (r.reply.zombies > 0) {
          fmt::print("    left {} child(ren) unreaped\n", r.reply.zombies);
          differs = true;
        }
        observed.emplace_back(s->backend(), r.observed.outcome);
      }
      for (std::size_t i = 1; i < observed.size(); ++i)
        if (observed[i].second != observed[0].second) {
          fmt::print("  {} and {} differ: {}\n", observed[0].first, observed[i].first,
                     describe_difference(observed[0].second, observed[i].second));
          differs = true;
        }
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "spawncheck: setup: {}\n", e.what());
    return 2;
  }
  return differs ? 1 : broken ? 2 : 0;
}

}  // namespace sc
