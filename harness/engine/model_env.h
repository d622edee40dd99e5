// model_env.h — the model's view of this host (ModelEnv): limits and
// privileges measured here, under a profile and an expectation. A session fills it for its agent; `spawncheck explain`
// fills it without one.
#pragma once

#include <string>

#include "model.h"

namespace sc {

// euid 0, RLIMIT_STACK/4 (at least 128 KiB) as the execve limit and the
// soft RLIMIT_NOFILE of this process; probe_path is what a #! line names.
ModelEnv host_model_env(std::string probe_path, Profile profile, Expectation expect);

}  // namespace sc
