#include "model_env.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace sc {
ModelEnv host_model_env(std::string probe_path, Profile profile, Expectation expect) {
  ModelEnv env;
  env.probe_path = std::move(probe_path);
  env.root = ::geteuid() == 0;
  rlimit stack{}, files{};
  if (::getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY)
    env.arg_max = std::max<std::size_t>(stack.rlim_cur / 4, 128 * 1024);
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) env.nofile = static_cast<int>(files.rlim_cur);
  env.profile = profile;
  env.expect = expect;
  return env;
}

}  // namespace sc
