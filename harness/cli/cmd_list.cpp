#include <fmt/format.h>

#include "case_format.h"
#include "commands.h"
#include "check.h"

namespace sc {

int cmd_list(bool surface) {
  if (surface) {
    fmt::print("{}", describe_surface());
    return 0;
  }
  for (const auto& c : registry()) {
    fmt::print("{}\n  class: {} ({})   profile: {}\n  source: {}\n  \"{}\"\n\n", c.id, class_id(c.cls),
               class_title(c.cls), profile_name(c.profile), c.source, c.quote);
  }
  fmt::print("{} checks\n", registry().size());
  return 0;
}

}  // namespace sc
