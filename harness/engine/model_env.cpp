#include "model_env.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace sc {
namespace {

constexpr std::pair<std::string_view, ModelEnv::Libc> kLibcs[] = {
    {"glibc", ModelEnv::Libc::Glibc}, {"musl", ModelEnv::Libc::Musl}, {"refcore", ModelEnv::Libc::Refcore}};

}  // namespace

ModelEnv host_model_env(std::string probe_path, ModelEnv::Libc libc) {
  ModelEnv env;
  env.probe_path = std::move(probe_path);
  env.root = ::geteuid() == 0;
  rlimit stack{}, files{};
  if (::getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY)
    env.arg_max = std::max<std::size_t>(stack.rlim_cur / 4, 128 * 1024);
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) env.nofile = static_cast<int>(files.rlim_cur);
  env.libc = libc;
  return env;
}

std::string_view libc_name(ModelEnv::Libc libc) {
  for (const auto& [name, l] : kLibcs)
    if (l == libc) return name;
  return "?";
}

std::optional<ModelEnv::Libc> libc_named(std::string_view name) {
  for (const auto& [n, l] : kLibcs)
    if (n == name) return l;
  return std::nullopt;
}

std::vector<std::string> libc_names() {
  std::vector<std::string> out;
  for (const auto& [name, l] : kLibcs) out.emplace_back(name);
  return out;
}

}  // namespace sc
