#include "campaign.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "interrupt.h"
#include "minimise.h"
#include "mutate.h"

namespace sc {
namespace {

// A mutant of the corpus for this share of runs, a generated case for the rest.
constexpr unsigned kMutatePercent = 50;

// Whether c, run now, diverges with `key` — the test both confirming and
// minimising apply. Not run when the model cannot predict c: it could
// only hang or show nothing. `last` gets the divergence it shows.
bool shows(Session& s, const Case& c, const std::string& key, Divergence* last = nullptr) {
  Prediction q = predict(c, s.model_env());
  if (!q.unpredictable.empty()) return false;
  Judgement k = judge_run(s.run(c, std::move(q)), c);
  if (interrupted() || k.what != Judged::Diverges || k.divergence->cause.key != key) return false;
  if (last) *last = *k.divergence;
  return true;
}

}  // namespace

bool FoundCauses::known(const std::string& key) const {
  std::lock_guard lock(mu_);
  return baselined_.contains(key) || claimed_.contains(key);
}

bool FoundCauses::claim(const std::string& key) {
  std::lock_guard lock(mu_);
  return !baselined_.contains(key) && claimed_.insert(key).second;
}

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

FuzzStats fuzz(Session& s, const FuzzLimits& limits, GenConfig cfg, FoundCauses& found,
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
      const std::string key = j.divergence->cause.key;
      if (found.known(key)) {
        ++(found.baselined(key) ? st.baselined : st.repeats);
      } else {
        unsigned shown = 0;
        for (unsigned i = 0; i < limits.confirm_runs; ++i) shown += shows(s, c, key);
        if (interrupted()) break;
        auto seen = std::find_if(st.unreproduced.begin(), st.unreproduced.end(),
                                 [&](const Unreproduced& u) { return u.divergence.cause.key == key; });
        if (shown < limits.confirm_runs && seen != st.unreproduced.end()) {
          ++seen->times;  // one case to triage per cause is enough
        } else if (shown < limits.confirm_runs) {
          st.unreproduced.push_back({limits.seed, st.runs, c, *j.divergence, shown, limits.confirm_runs, 1});
        } else if (!found.claim(key)) {
          ++st.repeats;  // another job claimed it meanwhile
        } else {
          // Same cause, so the reduction keeps this bug rather than drifting
          // to whatever else the smaller case happens to show.
          Divergence last = *j.divergence;
          Minimised m = minimise(
              std::move(c), [&](const Case& candidate) { return shows(s, candidate, key, &last); },
              limits.minimise_runs);
          // `last` belongs to the last accepted candidate, which is m.c.
          st.findings.push_back({limits.seed, st.runs, std::move(m.c), std::move(last), m.runs});
          if (limits.stop_on_first) {
            ++st.runs;
            break;
          }
        }
      }
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
