#include "profile.h"

namespace sc {

std::string_view profile_name(Profile p) { return p == Profile::Linux ? "linux" : "posix"; }

std::optional<Profile> profile_named(std::string_view name) {
  for (Profile p : {Profile::Posix, Profile::Linux})
    if (profile_name(p) == name) return p;
  return std::nullopt;
}

}  // namespace sc
