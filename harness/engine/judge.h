// judge.h — the one judgement of a run: whether it produced anything to
// judge (trouble), how its observation differs from the prediction, within
// what the environment shows, and the verdict or divergence that follows.
// Checks and the fuzzer both judge through here.
#pragma once

#include <optional>
#include <string>

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

// Whether the observation equals the prediction in everything the
// environment shows (normalise.h, comparable_signals).
bool agrees(const Run& r);
// What differs, in one line ("fd 4 is …, expected …"); "no difference".
std::string difference(const Run& r);
std::string describe_difference(const Outcome& want, const Outcome& got);

// The run compared with its prediction, no child left behind: PASS or
// FAIL naming `what`; BROKEN when the model cannot predict c.
Verdict judge(const Run& r, const Case& c, std::string_view what);

// The fuzzer's view of the same judgement: agrees, cannot be predicted,
// has no usable reply, or diverges in a kind of way stable enough that a
// minimisation keeps the same bug rather than wandering to another.
struct Divergence {
  std::string kind;    // "crash", "zombie", "error", "ran", "argv", "fd 4", "sigmask", ...
  std::string detail;  // one line: what differs
};
enum class Judged { Agrees, Unpredictable, Unusable, Diverges };
struct Judgement {
  Judged what = Judged::Agrees;
  std::optional<Divergence> divergence;  // set when what == Diverges
  std::string why;                       // Unpredictable / Unusable: the reason
  std::optional<Op> missing_action;      // Unusable because the backend lacks it
};
Judgement judge_run(const Run& r);

}  // namespace sc
