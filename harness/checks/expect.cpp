#include "expect.h"

#include <fmt/format.h>

namespace sc {

Verdict expect_model(Session& s, const Case& c, std::string_view what) { return judge(predict_and_run(s, c), c, what); }

Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what) {
  Run r = predict_and_run(s, c);
  if (r.trouble.empty() && r.predicted.unpredictable.empty() && r.predicted.outcome.error != error)
    return Verdict::broken(fmt::format("the check expects {} but the model predicts {} for {}", error,
                                       r.predicted.outcome.error, what));
  return judge(r, c, what);
}

}  // namespace sc
