// progress.h — a live progress line on a terminal, nothing otherwise (plain
// result lines are the record; the progress line is only company).
#pragma once

#include <string_view>

namespace sc {

class Progress {
 public:
  explicit Progress(std::size_t total);
  ~Progress();
  void step(std::string_view what);
  // Replaces the line with `line` as is (for counts without a total).
  void show(std::string_view line);

 private:
  std::size_t total_, done_ = 0;
  bool live_;
};

}  // namespace sc
