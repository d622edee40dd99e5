// reproducer.h — a fuzz finding as the case file that shows it: the
// minimised case named after where it was found, with comments saying what
// differs and the command that replays it.
#pragma once

#include <string>

#include "case.h"
#include "judge.h"

namespace sc {

// found: where it was found ("spawncheck fuzz --seed 1 at run 40").
Case reproducer(Case minimised, std::string name, const Divergence& d, const std::string& backend,
                const std::string& found);

}  // namespace sc
