// expect.h — what most checks are made of: run a case, compare it with the
// model, and say which guarantee a difference breaks. Includes the case
// builders and the judgement, so a check file needs this header only.
#pragma once

#include <string_view>

#include "case_build.h"
#include "judge.h"
#include "session.h"
#include "surface.h"
#include "verdict.h"

namespace sc {

// Runs c and requires the observation to equal the model's prediction and
// no child to be left behind; `what` names the guarantee in the reason.
Verdict expect_model(Session& s, const Case& c, std::string_view what);
// The same for a case the model must predict to fail with `error` (an
// errno name): a prediction of anything else is a broken check, not a FAIL.
Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what);

}  // namespace sc
