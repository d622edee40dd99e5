#include "outcome.h"

#include <fmt/format.h>

#include "surface.h"

namespace sc {

std::string_view attr_setter_name(AttrSetter s) {
  constexpr std::string_view names[] = {"posix_spawnattr_setflags", "posix_spawnattr_setsigmask",
                                        "posix_spawnattr_setsigdefault", "posix_spawnattr_setpgroup"};
  return names[static_cast<std::size_t>(s)];
}

std::string stage_text(const Stage& s, const Case* c) {
  using C = Stage::Call;
  switch (s.call) {
    case C::None: return "no call";
    case C::Init: return "an _init call";
    case C::Spawn: return "the spawn";
    case C::Setter: return std::string(attr_setter_name(static_cast<AttrSetter>(s.index)));
    case C::Builder:
      if (c && s.index < c->actions.size())
        return fmt::format("posix_spawn_file_actions_{} (action {})", action_info(c->actions[s.index].op).name,
                           s.index + 1);
      return fmt::format("the builder of action {}", s.index + 1);
  }
  return "?";
}

}  // namespace sc
