// expect.h — what most checks are made of: run a case, compare it with the
// model, and say which guarantee a difference breaks. Includes the case
// builders and the judgement, so a check file needs this header only.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "case_build.h"
#include "judge.h"
#include "session.h"
#include "surface.h"
#include "verdict.h"

namespace sc {

// Runs c and requires the observation to be one of the outcomes the model
// allows and no child to be left behind; `what` names the guarantee.
Verdict expect_model(Session& s, const Case& c, std::string_view what);
// The same for a case the model must predict to fail with `error` (an
// errno name) when the failure is returned: a prediction of anything else
// is a broken check, not a FAIL.
Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what);
// A check of a point POSIX leaves open (choices.def): N/A, naming who takes
// which option, while the session's expectation allows more than one for
// c; judged like expect_model once --expect narrows it.
Verdict expect_choice(Session& s, const Case& c, Choice choice, std::string_view what);

// The first verdict of check over cases that is not a PASS, else a PASS.
Verdict each(const std::vector<Case>& cases, const std::function<Verdict(const Case&)>& check);
// c eight times, once with each subset of the caller's fds 0-2 open on path
// (named <c.name>-stdio<mask>): with them closed, an implementation's own
// descriptors (an error pipe) land there.
std::vector<Case> stdio_subsets(const Case& c, const Path& path);

}  // namespace sc
