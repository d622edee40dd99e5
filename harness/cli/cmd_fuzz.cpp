#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends.h"
#include "campaign.h"
#include "case_files.h"
#include "commands.h"
#include "interrupt.h"
#include "progress.h"
#include "reports.h"
#include "reproducer.h"
#include "session.h"

namespace sc {
namespace {

// One job's campaign: its seed (the given one for job 0, so one job is the
// same campaign with or without --jobs) and what it found.
struct Job {
  std::uint64_t seed = 0;
  std::unique_ptr<Session> session;
  FuzzStats stats;
  std::string error;
};

// The live line and the summary: runs, rate, surface used, findings.
std::string status_line(const FuzzStats& st, double seconds) {
  std::string line = fmt::format("fuzz: {} runs, {} unpredictable, {:.0f} execs/s, surface {}/{}, {} finding(s)",
                                 st.runs, st.unpredictable, st.runs / std::max(seconds, 1e-6), st.surface.covered(),
                                 Surface::total(), st.findings.size());
  if (st.repeats > 0) line += fmt::format(", {} repeat(s)", st.repeats);
  if (st.baselined > 0) line += fmt::format(", {} baselined", st.baselined);
  if (!st.unreproduced.empty()) line += fmt::format(", {} unreproduced", st.unreproduced.size());
  return line;
}

// Every job's counts together; findings and unreproduced cases once per cause.
FuzzStats merged(const std::vector<FuzzStats>& parts) {
  FuzzStats all;
  std::set<std::string> causes;
  for (const auto& p : parts) {
    all.runs += p.runs, all.unpredictable += p.unpredictable, all.repeats += p.repeats, all.baselined += p.baselined;
    if (p.unusable > 0 && all.unusable == 0) all.first_unusable = p.first_unusable;
    all.unusable += p.unusable;
    all.surface.merge(p.surface);
    all.seconds = std::max(all.seconds, p.seconds);
    all.findings.insert(all.findings.end(), p.findings.begin(), p.findings.end());
  }
  for (const auto& f : all.findings) causes.insert(f.divergence.cause.key);
  for (const auto& p : parts)
    for (const auto& u : p.unreproduced)
      if (causes.insert(u.divergence.cause.key).second) all.unreproduced.push_back(u);
  return all;
}

}  // namespace

int cmd_fuzz(const FuzzOptions& o) {
  // Cases compare argv and envp byte for byte, which under emulation only
  // the host-native probe shows: qemu's own loader rebuilds an emulated
  // probe's environment (docs/cross.md).
  const ProbeMode mode = o.probe_mode == ProbeMode::Auto ? ProbeMode::Host : o.probe_mode;
  for (const auto& e : {backend_error(o.backend), target_error(o.target, o.backend, mode)})
    if (!e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
  auto target = resolve_target(o.target, o.backend, mode).target;
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) {
    fmt::print(stderr, "spawncheck: --out {}: {}\n", o.out, ec.message());
    return 2;
  }
  std::vector<Case> corpus;
  if (!o.corpus.empty())
    if (auto e = read_case_dir(o.corpus, corpus); !e.empty()) {
      fmt::print(stderr, "spawncheck: --corpus {}\n", e);
      return 2;
    }
  Baseline baseline;
  if (!o.baseline.empty())
    if (auto e = read_baseline(o.baseline, baseline); !e.empty()) {
      fmt::print(stderr, "spawncheck: --baseline {}\n", e);
      return 2;
    }
  std::set<std::string> accepted;
  for (const auto& [cause, checks] : baseline) accepted.insert(cause);
  FoundCauses found(std::move(accepted));
  // A setup cut short by a signal says so rather than blame the backend.
  auto setup_failed = [](const std::string& why) {
    fmt::print(stderr, "spawncheck: {}\n", interrupted() ? interruption() : why);
    return 2;
  };
  const unsigned jobs = std::max(1u, o.jobs);
  std::vector<Job> job(jobs);
  try {
    for (unsigned j = 0; j < jobs; ++j) {
      job[j].seed = j == 0 ? o.seed : run_seed(o.seed, ~std::uint64_t{0} - j);
      job[j].session = std::make_unique<Session>(o.backend, *target, o.timeout_ms, o.judging);
      if (auto e = preflight(*job[j].session); !e.empty())
        return setup_failed(fmt::format("backend {}: {}", o.backend, e));
    }
  } catch (const std::exception& e) {
    return setup_failed(fmt::format("setup: {}", e.what()));
  }

  std::atomic<bool> stop{false};
  std::mutex mu;  // guards every job's stats while they run, and the progress line
  std::vector<FuzzStats> now(jobs);
  {
    Progress progress(0);
    auto campaign = [&](unsigned j) {
      FuzzLimits limits;
      limits.seed = job[j].seed;
      limits.runs = o.runs / jobs + (j < o.runs % jobs ? 1 : 0);
      limits.max_time_s = o.max_time_s > 0 || o.runs > 0 ? o.max_time_s : 60;
      limits.stop = &stop;
      limits.stop_on_first = o.stop_on_first;
      if (o.runs > 0 && limits.runs == 0) return;
      // Each job runs its share of the corpus first and mutates all of it.
      for (std::size_t i = 0; i < corpus.size(); ++i) (i % jobs == j ? limits.seeds : limits.corpus).push_back(corpus[i]);
      const ModelEnv& env = job[j].session->model_env();
      try {
        job[j].stats =
            fuzz(*job[j].session, limits, GenConfig{env.nofile, env.arg_max}, found, [&](const FuzzStats& st) {
              std::lock_guard lock(mu);
              now[j] = st;
              progress.show(status_line(merged(now), st.seconds));
            });
      } catch (const std::exception& e) {
        job[j].error = e.what();
      }
      if ((o.stop_on_first && !job[j].stats.findings.empty()) || !job[j].error.empty()) stop = true;
    };
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(campaign, j);
    campaign(0);
    for (auto& t : threads) t.join();
  }

  std::vector<FuzzStats> parts;
  for (const Job& j : job) {
    if (!j.error.empty() && !interrupted()) return setup_failed(fmt::format("setup: {}", j.error));
    parts.push_back(j.stats);
  }
  const FuzzStats total = merged(parts);
  if (total.unusable > 0)
    fmt::print(stderr, "spawncheck: {} run(s) had no usable reply (unsupported or broken; first: {})\n",
               total.unusable, total.first_unusable);
  if (interrupted()) fmt::print(stderr, "spawncheck: {}\n", interruption());
  for (const auto& f : total.findings) {
    std::string name = fmt::format("divergence-{}-{}", f.seed, f.run), file = fmt::format("{}/{}.case", o.out, name);
    Case c = reproducer(f.minimised, name, f.divergence, o.backend,
                        fmt::format("spawncheck fuzz --seed {} at run {}", f.seed, f.run));
    if (auto e = write_case_file(file, c); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
    fmt::print("fuzz: divergence at run {} [{}] ({}: {}); minimised in {} runs to {} action(s): {}\n", f.run,
               f.divergence.cause.key, f.divergence.cause.title, f.divergence.detail, f.minimise_runs,
               f.minimised.actions.size(), file);
  }
  for (const auto& u : total.unreproduced) {
    std::string name = fmt::format("unreproduced-{}-{}", u.seed, u.run), file = fmt::format("{}/{}.case", o.out, name);
    Case c = reproducer(u.c, name, u.divergence, o.backend,
                        fmt::format("spawncheck fuzz --seed {} at run {}, shown again by {} of {} runs (not a "
                                    "finding)",
                                    u.seed, u.run, u.shown, u.of));
    if (auto e = write_case_file(file, c); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
    fmt::print("fuzz: unreproduced at run {} [{}] ({}), shown again by {} of {} runs, {} time(s); not a finding: {}\n",
               u.run, u.divergence.cause.key, u.divergence.cause.title, u.shown, u.of, u.times, file);
  }
  fmt::print("{}\n", status_line(total, total.seconds));
  if (total.findings.empty())
    if (auto missing = total.surface.missing(); !missing.empty())
      fmt::print("fuzz: surface not used: {}\n", fmt::join(missing, " "));
  return total.findings.empty() ? 0 : 1;
}

}  // namespace sc
