#include "expect.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace sc {

Verdict expect_model(Session& s, const Case& c, std::string_view what) { return judge(predict_and_run(s, c), c, what); }

Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what) {
  Run r = predict_and_run(s, c);
  auto returns = [&](const Allowed& a) { return a.outcome.error == error; };
  if (r.trouble.empty() && r.predicted.unpredictable.empty() &&
      std::none_of(r.predicted.allowed.begin(), r.predicted.allowed.end(), returns))
    return Verdict::broken(fmt::format("the check expects {} but the model predicts {} for {}", error,
                                       summary(r.predicted.outcome(), &c), what));
  return judge(r, c, what);
}

Verdict expect_choice(Session& s, const Case& c, Choice choice, std::string_view what) {
  Prediction p = predict(c, s.model_env());
  std::vector<unsigned> options;
  for (const auto& a : p.allowed)
    for (const auto& t : a.taken)
      if (t.choice == choice && std::find(options.begin(), options.end(), t.option) == options.end())
        options.push_back(t.option);
  if (options.size() > 1) {
    const auto& info = choice_info(choice);
    std::vector<std::string> who;
    for (unsigned o : options) who.push_back(fmt::format("{}: {}", info.options[o].name, info.options[o].who));
    return Verdict::not_applicable(fmt::format("POSIX leaves {} to the implementation ({}); --expect holds one to "
                                               "its documented choice",
                                               info.what, fmt::join(who, "; ")));
  }
  return judge(s.run(c, std::move(p)), c, what);
}

Verdict each(const std::vector<Case>& cases, const std::function<Verdict(const Case&)>& check) {
  for (const auto& c : cases)
    if (Verdict v = check(c); v.status != Status::Pass) return v;
  return Verdict::pass();
}

std::vector<Case> stdio_subsets(const Case& c, const Path& path) {
  std::vector<Case> out;
  const auto stdio = stdio_on(path);
  for (unsigned mask = 0; mask < 8; ++mask) {
    Case v = c;
    v.name = fmt::format("{}-stdio{}", c.name, mask);
    for (unsigned fd = 0; fd < 3; ++fd)
      if (mask >> fd & 1) v.fds.push_back(stdio[fd]);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace sc
