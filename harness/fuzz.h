// fuzz.h — the differential fuzzing loop behind `spawncheck fuzz`: generate a
// case, run it on the session's backend, judge it against the model, and
// minimise the first divergence.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "divergence.h"
#include "generate.h"
#include "session.h"

namespace sc {

struct FuzzLimits {
  std::uint64_t seed = 1;
  std::uint64_t runs = 0;   // 0 = unbounded
  double max_time_s = 0;    // 0 = unbounded
  unsigned minimise_runs = 300;
  // Set by another job that found a divergence: stop early.
  const std::atomic<bool>* stop = nullptr;
};

struct FuzzFinding {
  std::uint64_t run = 0;   // index of the generated case that diverged
  Case minimised;
  Divergence divergence;   // as the minimised case shows it
  unsigned minimise_runs = 0;
};

struct FuzzStats {
  std::uint64_t runs = 0, unpredictable = 0, unusable = 0;
  std::string first_unusable;  // why the first unusable run had no usable reply
  double seconds = 0;
  std::optional<FuzzFinding> finding;
  double rate() const { return seconds > 0 ? runs / seconds : 0; }
};

// Runs until a divergence or a limit; `tick` is called now and then with the
// counts so far (for a live line).
FuzzStats fuzz(Session& s, const FuzzLimits& limits, const GenConfig& cfg,
               const std::function<void(const FuzzStats&)>& tick = {});

}  // namespace sc
