// minimise.h — greedy one-at-a-time reduction of a failing case: drop an
// action, a fixture entry, a parent fd (a pipe with its peer), an argv or
// envp element, an attribute field or a signal bit, keep the removal when
// the failure stays, until no single removal keeps it.
#pragma once

#include <functional>
#include <vector>

#include "case.h"

namespace sc {

// Every case that is c with one thing removed, in the order they are tried
// (actions first: they are what a reproducer is about).
std::vector<Case> single_removals(const Case& c);

struct Minimised {
  Case c;
  unsigned runs = 0;  // predicate calls made
};

// still_fails(candidate) says whether the candidate shows the same failure.
// Stops after max_runs calls with the smallest case found so far.
Minimised minimise(Case c, const std::function<bool(const Case&)>& still_fails, unsigned max_runs = 300);

}  // namespace sc
