#include "reproducer.h"

#include <algorithm>

#include <fmt/format.h>

#include "backends.h"

namespace sc {

Case reproducer(Case c, std::string name, const Divergence& d, const std::string& backend, const std::string& found) {
  c.name = std::move(name);
  std::string detail = d.cause.title + ": " + d.detail;
  std::replace(detail.begin(), detail.end(), '\n', ' ');
  std::string how = is_impl(backend) ? "--impl " + backend.substr(5) : "--backend " + backend;
  c.trivia = {{0, "# " + detail}, {0, fmt::format("# found by {}; replay with spawncheck replay {} FILE", found, how)}};
  return c;
}

}  // namespace sc
