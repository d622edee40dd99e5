#include "outcome.h"

namespace sc {

std::string_view attr_setter_name(AttrSetter s) {
  constexpr std::string_view names[] = {"posix_spawnattr_setflags", "posix_spawnattr_setsigmask",
                                        "posix_spawnattr_setsigdefault", "posix_spawnattr_setpgroup"};
  return names[static_cast<std::size_t>(s)];
}

}  // namespace sc
