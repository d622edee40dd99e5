// prediction_text.h — the model's prediction for a case as text for people
// (`spawncheck explain`): what the call returns, what the program sees if
// it runs, and the rules the model applied.
#pragma once

#include <string>

#include "model.h"

namespace sc {

// One outcome: the return value and, when the program runs, its argv,
// envp, cwd, fds, signal state, umask, process group and session.
std::string describe_outcome(const Outcome& o);
// The prediction: its outcome (or why there is none) and the trace.
std::string describe_prediction(const Prediction& p);

}  // namespace sc
