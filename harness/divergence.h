// divergence.h — the fuzzer's judgement of one run: does the backend differ
// from the model, and in what kind of way (so minimisation keeps the same
// bug rather than wandering to another).
#pragma once

#include <optional>
#include <string>

#include "session.h"

namespace sc {

struct Divergence {
  std::string kind;    // "crash", "zombie", "error", "ran", "argv", "fd 4", "sigmask", ...
  std::string detail;  // one line: what differs
};

enum class Judged { Agrees, Unpredictable, Unusable, Diverges };

struct Judgement {
  Judged what = Judged::Agrees;
  std::optional<Divergence> divergence;  // set when what == Diverges
  std::string why;                       // Unpredictable / Unusable: the reason
};

Judgement judge_run(const Run& r);

}  // namespace sc
