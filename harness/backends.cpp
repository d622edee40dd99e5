#include <sys/stat.h>

#include <fmt/format.h>

#include "commands.h"
#include "session.h"

namespace sc {

const std::vector<std::string>& backend_names() {
  static const std::vector<std::string> names = {"libc", "refcore", "vfork-exec", "clone-vfork", "fork-exec"};
  return names;
}

std::string backend_error(const std::string& name) {
  if (name.rfind("impl:", 0) == 0) {
    std::string path = name.substr(5);
    struct stat st {};
    if (path.empty()) return "--impl needs a path to a shared library";
    if (::stat(path.c_str(), &st) != 0) return fmt::format("--impl {}: no such file", path);
    if (!S_ISREG(st.st_mode)) return fmt::format("--impl {}: not a regular file", path);
    return {};
  }
  for (const auto& n : backend_names())
    if (n == name) return {};
  return fmt::format("unknown backend '{}' (known: {}, or --impl PATH.so)", name, fmt::join(backend_names(), ", "));
}

std::string target_error(const std::string& name, const std::string& backend, ProbeMode mode) {
  return resolve_target(name, backend, mode).error;
}

}  // namespace sc
