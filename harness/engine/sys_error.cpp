#include "sys_error.h"

#include <fmt/format.h>

#include "surface.h"

namespace sc {

std::string sys_error(std::string_view call, std::string_view arg, int err) {
  return arg.empty() ? fmt::format("{}: {}", call, errno_name(err)) : fmt::format("{}({}): {}", call, arg, errno_name(err));
}

}  // namespace sc
