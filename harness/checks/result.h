// result.h — what running a check gives: its verdict on one backend, how
// long it took, and their counts.
#pragma once

#include <vector>

#include "check.h"

namespace sc {

struct Result {
  const Check* check = nullptr;
  std::string backend;
  Verdict verdict;
  double seconds = 0;
};

struct Summary {
  int pass = 0, fail = 0, broken = 0, unsupported = 0, not_applicable = 0;
  int applicable() const { return pass + fail + broken; }
};

Summary summarise(const std::vector<Result>& results);

}  // namespace sc
