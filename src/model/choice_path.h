// choice_path.h — one path through the choice points of a prediction
// (internal). predict() runs the model once per path: a path fixes the
// option taken at each point that had more than one, and the next path is
// the next combination, until every one has run.
#pragma once

#include <span>
#include <vector>

#include "model.h"

namespace sc::mdl {

class ChoicePath {
 public:
  explicit ChoicePath(std::vector<unsigned> picks) : picks_(std::move(picks)) {}

  // The option this path takes among `options` (indexes into the point's
  // options); a POLICY point answers the same throughout the path.
  unsigned take(Choice c, std::span<const unsigned> options) {
    if (choice_info(c).policy)
      for (const auto& t : taken_)
        if (t.choice == c) return t.option;
    unsigned option = options.front();
    if (options.size() > 1) {
      const std::size_t depth = widths_.size();
      const unsigned pick = depth < picks_.size() ? picks_[depth] : 0;
      widths_.push_back(static_cast<unsigned>(options.size()));
      chosen_.push_back(pick);
      option = options[pick];
    }
    taken_.push_back({c, option});
    return option;
  }

  const std::vector<Taken>& taken() const { return taken_; }

  // The picks of the next path, or false when this was the last one.
  bool next(std::vector<unsigned>& picks) const {
    picks = chosen_;
    for (std::size_t d = picks.size(); d-- > 0;) {
      if (picks[d] + 1 < widths_[d]) {
        picks.resize(d + 1);
        ++picks[d];
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<unsigned> picks_;   // fixed picks, by depth
  std::vector<unsigned> widths_;  // options at each point with more than one
  std::vector<unsigned> chosen_;  // what this path picked there
  std::vector<Taken> taken_;
};

}  // namespace sc::mdl
