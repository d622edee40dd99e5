// model_env.h — the model's view of this host (ModelEnv): limits and
// privileges measured here, for the libc whose documented behaviour it
// should follow. A session fills it for its agent; `spawncheck explain`
// fills it without one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace sc {

// euid 0, RLIMIT_STACK/4 (at least 128 KiB) as the execve limit and the
// soft RLIMIT_NOFILE of this process; probe_path is what a #! line names.
ModelEnv host_model_env(std::string probe_path, ModelEnv::Libc libc);

// "glibc", "musl", "refcore" (the model's libc choices, for options).
std::string_view libc_name(ModelEnv::Libc libc);
std::optional<ModelEnv::Libc> libc_named(std::string_view name);
std::vector<std::string> libc_names();

}  // namespace sc
