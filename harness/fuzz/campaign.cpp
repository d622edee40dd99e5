#include "campaign.h"

#include <chrono>

#include <fmt/format.h>

#include "interrupt.h"
#include "minimise.h"
#include "mutate.h"

namespace sc {
namespace {

// A mutant of the corpus for this share of runs, a generated case for the rest.
constexpr unsigned kMutatePercent = 50;

}  // namespace

Case fuzz_case(const FuzzLimits& limits, const std::vector<Case>& corpus, std::uint64_t n, const GenConfig& cfg,
               bool* mutated) {
  if (mutated) *mutated = false;
  if (n < limits.seeds.size()) return limits.seeds[n];
  const std::uint64_t seed = run_seed(limits.seed, n);
  Choices ch(seed);
  if (!corpus.empty() && ch.chance(kMutatePercent)) {
    if (mutated) *mutated = true;
    return mutate(corpus[ch.below(corpus.size())], ch, cfg);
  }
  return generate_case(seed, cfg);
}

FuzzStats fuzz(Session& s, const FuzzLimits& limits, GenConfig cfg,
               const std::function<void(const FuzzStats&)>& tick) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto last_tick = t0;
  FuzzStats st;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  // What mutation draws from: the seeds, the rest of the corpus, and every
  // case that was the first to use part of the surface.
  std::vector<Case> corpus = limits.seeds;
  corpus.insert(corpus.end(), limits.corpus.begin(), limits.corpus.end());

  auto go_on = [&] {
    return (limits.runs == 0 || st.runs < limits.runs) && (limits.max_time_s == 0 || elapsed() < limits.max_time_s) &&
           !(limits.stop && limits.stop->load(std::memory_order_relaxed)) && !interrupted();
  };
  for (; go_on(); ++st.runs) {
    bool mutated = false;
    Case c = fuzz_case(limits, corpus, st.runs, cfg, &mutated);
    st.mutated += mutated;
    // An edit can make a case the model cannot predict, e.g. a FIFO open
    // that blocks because the action opening its other end is gone: such
    // a case would only hang the caller until the timeout.
    Prediction p = predict(c, s.model_env());
    if (mutated && !p.unpredictable.empty()) {
      ++st.unpredictable;
      continue;
    }
    Judgement j = judge_run(s.run(c, std::move(p)), c);
    if (interrupted()) break;  // the run may have been cut short
    if (j.what == Judged::Unpredictable) ++st.unpredictable;
    if (j.what == Judged::Unusable && st.unusable++ == 0) st.first_unusable = j.why;
    // An optional action the backend lacks (musl has no addclosefrom_np)
    // is left out from now on rather than wasting a run each time.
    if (j.missing_action) cfg.skip_ops |= 1u << static_cast<unsigned>(*j.missing_action);
    if (j.what == Judged::Agrees && st.surface.add(c) > 0 && st.runs >= limits.seeds.size()) {
      corpus.push_back(c);
      ++st.kept;
    }
    if (j.what == Judged::Diverges) {
      // Same kind of difference, so the reduction keeps this bug rather than
      // drifting to whatever else the smaller case happens to show.
      Divergence last = *j.divergence;
      Minimised m = minimise(
          std::move(c),
          [&](const Case& candidate) {
            // Not run when it could only hang (see above) or show nothing.
            Prediction q = predict(candidate, s.model_env());
            if (!q.unpredictable.empty()) return false;
            Judgement k = judge_run(s.run(candidate, std::move(q)), candidate);
            if (interrupted()) return false;  // keeps what is reduced so far
            if (k.what != Judged::Diverges || k.divergence->cause.key != last.cause.key) return false;
            last = *k.divergence;
            return true;
          },
          limits.minimise_runs);
      // `last` belongs to the last accepted candidate, which is m.c.
      st.finding = FuzzFinding{st.runs, std::move(m.c), std::move(last), m.runs};
      break;
    }
    if (tick && Clock::now() - last_tick > std::chrono::milliseconds(250)) {
      last_tick = Clock::now();
      st.seconds = elapsed();
      tick(st);
    }
  }
  st.seconds = elapsed();
  return st;
}

}  // namespace sc
