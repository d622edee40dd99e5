#include "backends.h"

#include <sys/stat.h>

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sys_error.h"

namespace sc {
namespace {

constexpr std::string_view kImplPrefix = "impl:";

constexpr BackendInfo kBackends[] = {
#define LINUX Profile::Linux
#define POSIX Profile::Posix
#define SC_BACKEND(ID, name, profile, what) {name, profile, what},
#include "backends.def"
#undef LINUX
#undef POSIX
};

}  // namespace

std::span<const BackendInfo> backends() { return kBackends; }

std::string backend_choices() {
  std::vector<std::string_view> names;
  for (const auto& b : kBackends) names.push_back(b.name);
  return fmt::format("{}", fmt::join(names, " | "));
}

std::string impl_backend(const std::string& path) { return std::string(kImplPrefix) + path; }
bool is_impl(std::string_view backend) { return backend.starts_with(kImplPrefix); }

std::string backend_error(const std::string& name) {
  if (is_impl(name)) {
    std::string path = name.substr(kImplPrefix.size());
    struct stat st {};
    if (path.empty()) return "--impl needs a path to a shared library";
    if (::stat(path.c_str(), &st) != 0) return fmt::format("--impl: {}", sys_error("stat", path));
    if (!S_ISREG(st.st_mode)) return fmt::format("--impl {}: not a regular file", path);
    return {};
  }
  for (const auto& b : kBackends)
    if (b.name == name) return {};
  return fmt::format("unknown backend '{}' (known: {}, or --impl PATH.so)", name, backend_choices());
}

}  // namespace sc
