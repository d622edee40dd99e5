// profile.h — what a run requires (DESIGN.md): `posix`, what POSIX
// requires (vfork may be fork, a failure may be a child exiting 127), or
// `linux`, which adds the Linux vfork guarantees.
#pragma once

#include <optional>
#include <string_view>

namespace sc {

enum class Profile { Posix, Linux };

std::string_view profile_name(Profile p);  // "posix", "linux"
std::optional<Profile> profile_named(std::string_view name);

}  // namespace sc
