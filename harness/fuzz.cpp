#include "fuzz.h"

#include <chrono>

#include "minimise.h"

namespace sc {

FuzzStats fuzz(Session& s, const FuzzLimits& limits, const GenConfig& cfg,
               const std::function<void(const FuzzStats&)>& tick) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto last_tick = t0;
  FuzzStats st;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };

  auto go_on = [&] {
    return (limits.runs == 0 || st.runs < limits.runs) && (limits.max_time_s == 0 || elapsed() < limits.max_time_s) &&
           !(limits.stop && limits.stop->load(std::memory_order_relaxed));
  };
  for (; go_on(); ++st.runs) {
    Case c = generate_case(run_seed(limits.seed, st.runs), cfg);
    Judgement j = judge_run(s.run(c));
    if (j.what == Judged::Unpredictable) ++st.unpredictable;
    if (j.what == Judged::Unusable && st.unusable++ == 0) st.first_unusable = j.why;
    if (j.what == Judged::Diverges) {
      // Same kind of difference, so the reduction keeps this bug rather than
      // drifting to whatever else the smaller case happens to show.
      Divergence last = *j.divergence;
      Minimised m = minimise(
          std::move(c),
          [&](const Case& candidate) {
            Judgement k = judge_run(s.run(candidate));
            if (k.what != Judged::Diverges || k.divergence->kind != last.kind) return false;
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
