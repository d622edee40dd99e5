#include "fuzz.h"

#include <chrono>

#include <fmt/format.h>

#include "interrupt.h"
#include "minimise.h"
#include "mutate.h"

namespace sc {
namespace {

constexpr const char* kActionNames[] = {
#define SC_ACTION(ID, name, sig, optional) name,
#include "spawn_ops.def"
};
constexpr const char* kOFlagNames[] = {
#define SC_OFLAG(N) #N,
#include "spawn_ops.def"
};
constexpr const char* kAttrNames[] = {
#define SC_ATTRFLAG(N, s) s,
#include "spawn_ops.def"
};
constexpr const char* kSignalNames[] = {
#define SC_SIGNAL(N, num) #N,
#include "spawn_ops.def"
};
constexpr int kSignalNumbers[] = {
#define SC_SIGNAL(N, num) num,
#include "spawn_ops.def"
};
constexpr std::size_t kActions = std::size(kActionNames), kOFlags = std::size(kOFlagNames),
                      kAttrs = std::size(kAttrNames), kSignals = std::size(kSignalNames);
static_assert(kActions + kOFlags + kAttrs + kSignals <= Surface::kSize);

// A mutant of the corpus for this share of runs, a generated case for the rest.
constexpr unsigned kMutatePercent = 50;

}  // namespace

std::size_t Surface::total() { return kActions + kOFlags + kAttrs + kSignals; }

unsigned Surface::add(const Case& c) {
  const auto before = seen_.count();
  for (const auto& a : c.actions) {
    seen_.set(static_cast<std::size_t>(a.op));
    if (a.op != Op::ADDOPEN) continue;
    for (std::size_t i = 0; i < kOFlags; ++i)
      if (a.oflags >> i & 1) seen_.set(kActions + i);
  }
  for (std::size_t i = 0; i < kAttrs; ++i)
    if (c.attr.flags.value_or(0) >> i & 1) seen_.set(kActions + kOFlags + i);
  const SigSet sigs = c.sigmask | c.sigign | c.sigcatch | c.attr.sigmask.value_or(0) | c.attr.sigdefault.value_or(0);
  for (std::size_t i = 0; i < kSignals; ++i)
    if (sigs >> (kSignalNumbers[i] - 1) & 1) seen_.set(kActions + kOFlags + kAttrs + i);
  return static_cast<unsigned>(seen_.count() - before);
}

std::vector<std::string> Surface::missing() const {
  std::vector<std::string> out;
  auto each = [&](const char* const* names, std::size_t n, std::size_t base) {
    for (std::size_t i = 0; i < n; ++i)
      if (!seen_.test(base + i)) out.emplace_back(names[i]);
  };
  each(kActionNames, kActions, 0);
  each(kOFlagNames, kOFlags, kActions);
  each(kAttrNames, kAttrs, kActions + kOFlags);
  each(kSignalNames, kSignals, kActions + kOFlags + kAttrs);
  return out;
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
    if (mutated && !predict(c, s.model_env()).unpredictable.empty()) {
      ++st.unpredictable;
      continue;
    }
    Judgement j = judge_run(s.run(c));
    if (interrupted()) break;  // the run may have been cut short
    if (j.what == Judged::Unpredictable) ++st.unpredictable;
    if (j.what == Judged::Unusable && st.unusable++ == 0) st.first_unusable = j.why;
    // An optional action the backend lacks (musl has no addclosefrom_np)
    // is left out from now on rather than wasting a run each time.
    if (j.what == Judged::Unusable)
      for (std::size_t op = 0; op < kActions; ++op)
        if (j.why.find(fmt::format("_{}_np", kActionNames[op])) != std::string::npos) cfg.skip_ops |= 1u << op;
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
            if (!predict(candidate, s.model_env()).unpredictable.empty()) return false;
            Judgement k = judge_run(s.run(candidate));
            if (interrupted()) return false;  // keeps what is reduced so far
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
