// ballast.h — resident memory that makes the benchmark a big parent.
#pragma once

#include <cstddef>

namespace spawncheck::bench {

// Maps `bytes` of private anonymous memory and writes every page, so the
// parent has that much resident in 4 KiB pages (huge pages off: the page
// tables fork copies are what a big parent costs). Unmapped on destruction,
// so one size's memory is gone before the next is touched.
class Ballast {
 public:
  explicit Ballast(std::size_t bytes);
  ~Ballast();
  Ballast(const Ballast &) = delete;
  Ballast &operator=(const Ballast &) = delete;

 private:
  void *base_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace spawncheck::bench
