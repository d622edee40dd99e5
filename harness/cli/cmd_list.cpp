#include <fmt/format.h>

#include "case_format.h"
#include "model.h"
#include "commands.h"
#include "check.h"

namespace sc {

int cmd_list(bool surface, bool choices) {
  if (surface || choices) {
    fmt::print("{}", surface ? describe_surface() : describe_choices());
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
