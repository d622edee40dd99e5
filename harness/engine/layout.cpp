#include "layout.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "spawncheck_layout.h"

namespace sc {
namespace {

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string canonical(const std::string& path) {
  char real[PATH_MAX];
  return ::realpath(path.c_str(), real) ? std::string(real) : std::string();
}

// The directory of the running executable, resolved: argv[0] can be a
// relative name or a symlink, /proc/self/exe is neither.
std::string exe_dir() {
  std::string exe = canonical("/proc/self/exe");
  auto slash = exe.rfind('/');
  return slash == std::string::npos ? std::string() : exe.substr(0, slash);
}

Libexec find_libexec() {
  if (const char* env = std::getenv("SPAWNCHECK_LIBEXEC"); env && *env) {
    if (is_dir(env)) return {canonical(env), {}};
    return {{}, fmt::format("SPAWNCHECK_LIBEXEC={} is not a directory", env)};
  }
  const std::string dir = exe_dir();
  const std::string beside = dir + "/" + SC_LIBEXEC_FROM_BINDIR;
  if (!dir.empty() && is_dir(beside)) return {canonical(beside), {}};
  // Tests and tools of the build tree sit at other depths below it.
  const std::string build = canonical(SC_BUILD_DIR);
  if (!build.empty() && (dir == build || dir.starts_with(build + "/")) && is_dir(SC_STAGE_DIR))
    return {canonical(SC_STAGE_DIR), {}};
  return {{}, fmt::format("no spawncheck libexec directory: {} does not exist (set SPAWNCHECK_LIBEXEC to the "
                          "directory holding host/{})",
                          beside, SC_AGENT_FILE)};
}

}  // namespace

const Libexec& libexec() {
  static const Libexec found = find_libexec();
  return found;
}

namespace {

std::string in_tree(const std::string& rel) {
  const auto& l = libexec();
  return (l.dir.empty() ? std::string(SC_LIBEXEC_FROM_BINDIR) : l.dir) + "/" + rel;
}

}  // namespace

std::string agent_path(const std::string& target) { return in_tree(target + "/" SC_AGENT_FILE); }
std::string impl_agent_path(const std::string& target) { return in_tree(target + "/" SC_IMPL_AGENT_FILE); }
std::string probe_path(const std::string& target) { return in_tree(target + "/" SC_PROBE_FILE); }
std::string binfmt_path() { return in_tree(SC_BINFMT_FILE); }

}  // namespace sc
