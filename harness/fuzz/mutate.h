// mutate.h — structure-aware mutation for `spawncheck fuzz --corpus`: a
// case becomes a neighbour through one to three edits of its model (an
// action changed, inserted, deleted or swapped, an fd moved to an edge,
// an open flag or attribute flipped, argv/envp reshaped, the parent state
// changed). The new parts come from the generator (generate.h), so there
// is one generator, not two.
#pragma once

#include "case.h"
#include "generate.h"

namespace sc {

// seed with one to three edits; the same seed and choices give the same
// case. Its expectation and comments are dropped (they were the seed's).
Case mutate(const Case& seed, Choices& ch, const GenConfig& cfg);

}  // namespace sc
