#include "session.h"

namespace sc {

const std::vector<std::string>& target_names() {
  static const std::vector<std::string> names = {
      "host",
#ifdef SPAWNCHECK_MUSL_AGENT
      "musl",
#endif
#ifdef SPAWNCHECK_AARCH64_AGENT
      "aarch64",
#endif
  };
  return names;
}

std::optional<Target> target_named(const std::string& name) {
  if (name == "host") return host_target();
#ifdef SPAWNCHECK_MUSL_AGENT
  if (name == "musl") return Target{{SPAWNCHECK_MUSL_AGENT}, SPAWNCHECK_MUSL_PROBE};
#endif
#ifdef SPAWNCHECK_AARCH64_AGENT
  // The host's probe: without binfmt_misc an emulated process cannot exec an
  // aarch64 binary, but the kernel runs a host-native static one.
  if (name == "aarch64") return Target{{SPAWNCHECK_QEMU_AARCH64, SPAWNCHECK_AARCH64_AGENT}, host_target().probe};
#endif
  return std::nullopt;
}

}  // namespace sc
