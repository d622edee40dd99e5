#include "progress.h"

#include <unistd.h>

#include <fmt/format.h>

namespace sc {

Progress::Progress(std::size_t total) : total_(total), live_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (live_) fmt::print(stderr, "\r\033[K");
}

void Progress::step(std::string_view what) {
  ++done_;
  if (live_) fmt::print(stderr, "\r\033[K[{}/{}] {}", done_, total_, what);
}

void Progress::show(std::string_view line) {
  if (live_) fmt::print(stderr, "\r\033[K{}", line);
}

}  // namespace sc
