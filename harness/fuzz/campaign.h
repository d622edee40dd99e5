// campaign.h — the differential fuzzing loop behind `spawncheck fuzz`: run
// the corpus, then mutate it and generate fresh cases, run each on the
// session's backend and judge it against the model. A divergence is run
// again before it counts; one that reproduces and has a cause no job has
// found yet (nor the baseline names) is minimised and kept, and the
// campaign goes on, so a campaign of days reports each bug once and is not
// ended by the first.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "coverage.h"
#include "generate.h"
#include "judge.h"
#include "session.h"

namespace sc {

// The causes found so far, shared by the jobs of a campaign: each is
// minimised by the job that claims it first. The baseline's are known
// from the start and never claimed.
class FoundCauses {
 public:
  explicit FoundCauses(std::set<std::string> baselined = {}) : baselined_(std::move(baselined)) {}
  bool baselined(const std::string& key) const { return baselined_.contains(key); }
  bool known(const std::string& key) const;
  // True for the one caller that adds key.
  bool claim(const std::string& key);

 private:
  const std::set<std::string> baselined_;
  mutable std::mutex mu_;
  std::set<std::string> claimed_;
};

struct FuzzLimits {
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;   // 0 = unbounded
  double max_time_s = 0;    // 0 = unbounded
  unsigned minimise_runs = 300;
  // Runs of a diverging case, after the first, that must all show its
  // cause again before it is a finding.
  unsigned confirm_runs = 3;
  bool stop_on_first = false;  // end at the first finding (--stop-on-first)
  // Run first, in order (this job's share of --corpus), then mutated.
  std::vector<Case> seeds;
  // Mutated too, not run first (the other jobs' shares).
  std::vector<Case> corpus;
  // Set when another job ends the campaign (--stop-on-first): stop early.
  const std::atomic<bool>* stop = nullptr;
};

struct FuzzFinding {
  std::uint64_t seed = 0, run = 0;  // the job's seed, and the index of the case that diverged
  Case minimised;
  Divergence divergence;   // as the minimised case shows it
  unsigned minimise_runs = 0;
};

// A divergence that did not show again on every confirming run: kept for
// triage, not a finding; the first case of each cause.
struct Unreproduced {
  std::uint64_t seed = 0, run = 0;
  Case c;
  Divergence divergence;       // as the first run showed it
  unsigned shown = 0, of = 0;  // confirming runs that showed it again, of how many
  std::uint64_t times = 1;     // divergences of this cause that did not reproduce
};

struct FuzzStats {
  std::uint64_t runs = 0, unpredictable = 0, unusable = 0, mutated = 0, kept = 0;
  // Divergences whose cause was already found (by any job) or baselined.
  std::uint64_t repeats = 0, baselined = 0;
  std::string first_unusable;  // why the first unusable run had no usable reply
  double seconds = 0;
  Surface surface;
  std::vector<FuzzFinding> findings;  // one per cause, in the order found
  std::vector<Unreproduced> unreproduced;
  double rate() const { return seconds > 0 ? runs / seconds : 0; }
};

// The case of run n: seeds first, then mutants of the corpus interleaved
// with generated cases, each a function of (seed, n, corpus) alone.
Case fuzz_case(const FuzzLimits& limits, const std::vector<Case>& corpus, std::uint64_t n, const GenConfig& cfg,
               bool* mutated = nullptr);

// Runs until a limit (or the first finding, with stop_on_first); `tick` is
// called now and then with the counts so far (for a live line). Optional
// actions the backend turns out to lack are dropped from cfg.
FuzzStats fuzz(Session& s, const FuzzLimits& limits, GenConfig cfg, FoundCauses& found,
               const std::function<void(const FuzzStats&)>& tick = {});

}  // namespace sc
