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
std::string status_line(const FuzzStats& st, double seconds, bool found) {
  return fmt::format("fuzz: {} runs, {} unpredictable, {:.0f} execs/s, surface {}/{}, {} divergences", st.runs,
                     st.unpredictable, st.runs / std::max(seconds, 1e-6), st.surface.covered(), Surface::total(),
                     found ? 1 : 0);
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
      job[j].session = std::make_unique<Session>(o.backend, *target, o.timeout_ms);
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
      if (o.runs > 0 && limits.runs == 0) return;
      // Each job runs its share of the corpus first and mutates all of it.
      for (std::size_t i = 0; i < corpus.size(); ++i) (i % jobs == j ? limits.seeds : limits.corpus).push_back(corpus[i]);
      const ModelEnv& env = job[j].session->model_env();
      try {
        job[j].stats = fuzz(*job[j].session, limits, GenConfig{env.nofile, env.arg_max}, [&](const FuzzStats& st) {
          std::lock_guard lock(mu);
          now[j] = st;
          FuzzStats all;
          for (const auto& n : now) {
            all.runs += n.runs, all.unpredictable += n.unpredictable;
            all.surface.merge(n.surface);
          }
          progress.show(status_line(all, st.seconds, false));
        });
      } catch (const std::exception& e) {
        job[j].error = e.what();
      }
      if (job[j].stats.finding || !job[j].error.empty()) stop = true;
    };
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(campaign, j);
    campaign(0);
    for (auto& t : threads) t.join();
  }

  FuzzStats total;
  for (const Job& j : job) {
    if (!j.error.empty() && !interrupted()) return setup_failed(fmt::format("setup: {}", j.error));
    total.runs += j.stats.runs;
    total.unpredictable += j.stats.unpredictable;
    if (j.stats.unusable > 0 && total.unusable == 0) total.first_unusable = j.stats.first_unusable;
    total.unusable += j.stats.unusable;
    total.surface.merge(j.stats.surface);
    total.seconds = std::max(total.seconds, j.stats.seconds);
  }
  if (total.unusable > 0)
    fmt::print(stderr, "spawncheck: {} run(s) had no usable reply (unsupported or broken; first: {})\n",
               total.unusable, total.first_unusable);
  auto found = std::find_if(job.begin(), job.end(), [](const Job& j) { return j.stats.finding.has_value(); });
  if (interrupted()) fmt::print(stderr, "spawncheck: {}\n", interruption());
  if (found == job.end()) {
    fmt::print("{}\n", status_line(total, total.seconds, false));
    if (auto missing = total.surface.missing(); !missing.empty())
      fmt::print("fuzz: surface not used: {}\n", fmt::join(missing, " "));
    return 0;
  }
  const FuzzFinding& f = *found->stats.finding;
  std::string file = fmt::format("{}/divergence-{}-{}.case", o.out, found->seed, f.run);
  Case c = reproducer(f.minimised, fmt::format("divergence-{}-{}", found->seed, f.run), f.divergence, o.backend,
                      fmt::format("spawncheck fuzz --seed {} at run {}", found->seed, f.run));
  if (auto e = write_case_file(file, c); !e.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", e);
    return 2;
  }
  fmt::print("fuzz: divergence at run {} ({}: {}); minimised in {} runs to {} action(s): {}\n", f.run,
             f.divergence.cause.title, f.divergence.detail, f.minimise_runs, f.minimised.actions.size(), file);
  return 1;
}

}  // namespace sc
