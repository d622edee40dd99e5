// backends.h — the backends of src/protocol/backends.def, and the checks
// made on a backend name before any agent starts.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "profile.h"

namespace sc {

struct BackendInfo {
  std::string_view name;  // as the wire and the options spell it
  Profile profile;        // what its own conformance run is held to
  std::string_view what;  // one line for help text
};
std::span<const BackendInfo> backends();

// "libc | refcore | ...", for help text.
std::string backend_choices();

// "" when name is a backend the agent knows or impl:<existing file>, else
// a one-line reason.
std::string backend_error(const std::string& name);

// The backend a library given as --impl PATH is (impl:<path>).
std::string impl_backend(const std::string& path);
bool is_impl(std::string_view backend);

}  // namespace sc
