// spawncheck --version: what this build is and what it speaks.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "case.h"
#include "commands.h"
#include "spawncheck_version.h"  // generated at build time (cmake/version.cmake)
#include "targets.h"
#include "wire.h"

namespace sc {

std::string version_text() {
  return fmt::format("spawncheck {}\ngit revision: {}\nwire protocol: {}\ncase format: {}\ntargets: {}", SPAWNCHECK_VERSION,
                     SPAWNCHECK_GIT_REVISION, SC_WIRE_VERSION, kCaseFormatVersion, fmt::join(target_names(), ", "));
}

}  // namespace sc
