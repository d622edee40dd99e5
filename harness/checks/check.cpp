#include "check.h"

#include <exception>

#include <fmt/format.h>

#include "session.h"

namespace sc {

std::string_view class_id(Class c) {
  switch (c) {
#define SC_CLASS(id, title) case Class::id: return #id;
#include "classes.def"
  }
  return "?";
}

std::string_view class_title(Class c) {
  switch (c) {
#define SC_CLASS(id, title) case Class::id: return title;
#include "classes.def"
  }
  return "?";
}

const std::vector<Check>& registry() {
  static const std::vector<Check> checks = [] {
    std::vector<Check> all;
#define SC_CLASS(id, title) add_##id##_checks(all);
#include "classes.def"
    return all;
  }();
  return checks;
}

Verdict run_check(const Check& c, Session& s) {
  if (c.profile == Profile::Linux && s.profile() != Profile::Linux)
    return Verdict::not_applicable(c.linux_only.empty()
                                       ? "a Linux vfork guarantee; the posix profile lets vfork be fork (vfork(2) VERSIONS)"
                                       : fmt::format("required by --profile linux only: {}", c.linux_only));
  try {
    if (auto limit = environment_limit(s, c.needs); !limit.empty())
      return Verdict::not_applicable(fmt::format("cannot be verified here: {}", limit));
    return c.run(s);
  } catch (const std::exception& e) {
    return Verdict::broken(fmt::format("harness: {}", e.what()));
  }
}

}  // namespace sc
