// prediction_text.h — the model's prediction for a case as text for people
// (`spawncheck explain`): what the call returns, what the program sees if
// it runs, and the rules the model applied.
#pragma once

#include <string>

#include "model.h"

namespace sc {

// One outcome of c: the return value and the call it comes from and, when
// the program runs, its argv, envp, cwd, fds, signal state, umask,
// process group and session.
std::string describe_outcome(const Outcome& o, const Case& c);
// The prediction for c: every allowed outcome with the options that lead
// to it (or why there is none), and the trace.
std::string describe_prediction(const Prediction& p, const Case& c);

}  // namespace sc
