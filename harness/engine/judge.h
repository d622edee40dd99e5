// judge.h — the one judgement of a run: whether it produced anything to
// judge (trouble), whether its observation is one of the outcomes the
// model allows, within what the environment shows, how it differs from the
// nearest one, and what that difference is a symptom of (its Cause). Checks
// and the fuzzer both judge through here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "case.h"
#include "session.h"
#include "verdict.h"

namespace sc {

// A verdict when the run did not produce an observation to judge: the
// implementation crashed or hung the worker (FAIL), the backend lacks an
// optional interface (UNSUPPORTED), the environment cannot show the
// guarantee (N/A), or the harness failed (BROKEN). c, when given, is the
// reproducer of a FAIL.
std::optional<Verdict> trouble(const Exchange& r, const std::optional<Case>& c = std::nullopt);

// The call took POSIX's other failure form: it returned 0 and its child
// exited 127. Clears the run's environment caveat (see lost_error): a
// check that accepts this form loses nothing to an emulator producing it.
bool exit_127_form(Run& r);

// Whether the observation is one of the allowed outcomes, in everything
// the environment shows (normalise.h, comparable_signals).
bool agrees(const Run& r);

// The observation against the nearest allowed outcome.
struct Comparison {
  std::string difference;  // one line: what differs, and what else was allowed
  Cause cause;             // what the difference is a symptom of
};
// Only for a run that does not agree; c is the case it ran.
Comparison compare(const Run& r, const Case& c);
std::string describe_difference(const Outcome& want, const Outcome& got, const Case* c = nullptr);
// What an outcome is, in a few words ("returned ENOENT from the spawn").
std::string summary(const Outcome& o, const Case* c = nullptr);

// The run compared with its prediction, no child left behind: PASS or
// FAIL naming `what`; BROKEN when the model cannot predict c.
Verdict judge(const Run& r, const Case& c, std::string_view what);

// The fuzzer's view of the same judgement: agrees, cannot be predicted,
// has no usable reply, or diverges — with a cause whose key stays stable
// while a minimisation shrinks the case, so it keeps the same bug.
struct Divergence {
  Cause cause;
  std::string detail;  // one line: what differs
};
enum class Judged { Agrees, Unpredictable, Unusable, Diverges };
struct Judgement {
  Judged what = Judged::Agrees;
  std::optional<Divergence> divergence;  // set when what == Diverges
  std::string why;                       // Unpredictable / Unusable: the reason
  std::optional<Op> missing_action;      // Unusable because the backend lacks it
};
Judgement judge_run(const Run& r, const Case& c);

}  // namespace sc
