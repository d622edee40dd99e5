// campaign.h — the differential fuzzing loop behind `spawncheck fuzz`: run
// the corpus, then mutate it and generate fresh cases, run each on the
// session's backend, judge it against the model, and minimise the first
// divergence.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coverage.h"
#include "generate.h"
#include "judge.h"
#include "session.h"

namespace sc {

struct FuzzLimits {
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;   // 0 = unbounded
  double max_time_s = 0;    // 0 = unbounded
  unsigned minimise_runs = 300;
  // Run first, in order (this job's share of --corpus), then mutated.
  std::vector<Case> seeds;
  // Mutated too, not run first (the other jobs' shares).
  std::vector<Case> corpus;
  // Set by another job that found a divergence: stop early.
  const std::atomic<bool>* stop = nullptr;
};

struct FuzzFinding {
  std::uint64_t run = 0;   // index of the case that diverged
  Case minimised;
  Divergence divergence;   // as the minimised case shows it
  unsigned minimise_runs = 0;
};

struct FuzzStats {
  std::uint64_t runs = 0, unpredictable = 0, unusable = 0, mutated = 0, kept = 0;
  std::string first_unusable;  // why the first unusable run had no usable reply
  double seconds = 0;
  Surface surface;
  std::optional<FuzzFinding> finding;
  double rate() const { return seconds > 0 ? runs / seconds : 0; }
};

// The case of run n: seeds first, then mutants of the corpus interleaved
// with generated cases, each a function of (seed, n, corpus) alone.
Case fuzz_case(const FuzzLimits& limits, const std::vector<Case>& corpus, std::uint64_t n, const GenConfig& cfg,
               bool* mutated = nullptr);

// Runs until a divergence or a limit; `tick` is called now and then with the
// counts so far (for a live line).
// Optional actions the backend turns out to lack are dropped from cfg.
FuzzStats fuzz(Session& s, const FuzzLimits& limits, GenConfig cfg,
               const std::function<void(const FuzzStats&)>& tick = {});

}  // namespace sc
