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

// How the call's child ended, as the worker waited for it.
std::string wait_text(const AgentReply& r) {
  switch (r.wait) {
    case AgentReply::Wait::Exited: return fmt::format("the child exited {}", r.wait_code);
    case AgentReply::Wait::Signaled: return fmt::format("the child was killed by {}", r.wait_signal);
    case AgentReply::Wait::Timeout: return "the child was still running at the timeout (killed)";
    case AgentReply::Wait::None: break;
  }
  return "no child to wait for";
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
      sessions.push_back(std::make_unique<Session>(b, *resolve_target(o.target, b, o.probe_mode).target, o.timeout_ms,
                                                   o.judging));
    for (const auto& [file, c] : *cases) {
      if (interrupted()) break;
      fmt::print("case {} ({})\n", c.name, file);
      struct Seen {
        std::string backend;
        Outcome outcome;
        bool allowed;
      };
      std::vector<Seen> observed;
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
        fmt::print("  [{}] {}; {}\n", s->backend(), summary(r.observed.outcome, &c), wait_text(r.reply));
        if (!r.predicted.unpredictable.empty()) {
          fmt::print("    model: cannot predict ({})\n", r.predicted.unpredictable);
        } else if (!agrees(r)) {
          auto cmp = compare(r, c);
          fmt::print("    DIFFERS from the model: {}\n    cause: {} [{}]\n", cmp.difference, cmp.cause.title,
                     cmp.cause.key);
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
        observed.push_back({s->backend(), r.observed.outcome, r.predicted.unpredictable.empty() && agrees(r)});
      }
      // Backends may differ where the model allows each of their outcomes.
      for (std::size_t i = 1; i < observed.size(); ++i)
        if (observed[i].outcome != observed[0].outcome) {
          const bool both = observed[0].allowed && observed[i].allowed;
          fmt::print("  {} and {} differ{}: {}\n", observed[0].backend, observed[i].backend,
                     both ? " (both allowed by the model)" : "",
                     describe_difference(observed[0].outcome, observed[i].outcome, &c));
          differs |= !both;
        }
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "spawncheck: setup: {}\n", e.what());
    return 2;
  }
  return differs ? 1 : broken ? 2 : 0;
}

}  // namespace sc
