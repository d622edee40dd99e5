// coverage.h — how much of the spawn surface (spawn_ops.def: actions, open
// flags, attribute flags, standard signals) the cases of a campaign used.
#pragma once

#include <bitset>
#include <string>
#include <vector>

#include "case.h"

namespace sc {

class Surface {
 public:
  static constexpr std::size_t kSize = 64;
  // The items c uses: actions it has, flags its addopens and attributes
  // set, signals any of its masks or sets name. Returns how many are new.
  unsigned add(const Case& c);
  void merge(const Surface& o) { seen_ |= o.seen_; }
  std::size_t covered() const { return seen_.count(); }
  static std::size_t total();
  // The items not used yet, by name ("addclosefrom", "O_SYNC", "SIGPWR").
  std::vector<std::string> missing() const;

 private:
  std::bitset<kSize> seen_;
};

}  // namespace sc
