// generate.h — structure-aware generation of cases for differential
// fuzzing (`spawncheck fuzz`): every action, open flag, attribute flag and
// signal of spawn_ops.def is reachable, with fd numbers, argv/envp shapes and
// parent state biased towards the edges where implementations differ.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "case.h"

namespace sc {

// Where the generator's decisions come from. A seeded engine today; the same
// interface can be fed from a libFuzzer byte buffer later, so one generator
// serves both.
class Choices {
 public:
  explicit Choices(std::uint64_t seed) : rng_(seed) {}
  // Uniform in [0, n); 0 when n == 0.
  std::uint64_t below(std::uint64_t n);
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::mt19937_64 rng_;
};

struct GenConfig {
  int nofile = 1024;  // the caller's RLIMIT_NOFILE (fds near it are an edge)
};

// The case for one seed: the same seed and config give the same case. Valid
// for the case format (print_case/parse_case round-trip); the model may still
// call it unpredictable.
Case generate_case(std::uint64_t seed, const GenConfig& cfg = {});

// The seed of run n of a campaign started with `seed` (splitmix64), so each
// run is reproducible on its own.
std::uint64_t run_seed(std::uint64_t seed, std::uint64_t n);

}  // namespace sc
