// model.h — the semantics of a spawn request as a pure function:
// (parent state, request, fixture) -> the Outcome a conforming
// implementation produces. It is the fuzzer's oracle and a readable
// statement of the rules; every rule it applies is named in the trace.
//
// Sources: POSIX.1-2024 posix_spawn and posix_spawn_file_actions_*,
// execve(2), open(2), path_resolution(7), and glibc 2.36 / musl 1.2.3 /
// Linux 6.x behaviour measured on Debian 12 (DESIGN.md "Facts measured").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "case.h"
#include "outcome.h"

namespace sc {

struct ModelEnv {
  std::string probe_path;      // absolute path a shebang line names (<scratch>/sc/probe)
  bool root = true;            // euid 0: DAC bypass except exec needs an x bit
  std::size_t arg_max = 0;     // execve size limit in bytes (RLIMIT_STACK/4, at least 128 KiB); 0 = unknown
  int nofile = 1024;           // soft RLIMIT_NOFILE of the caller
  enum class Libc { Glibc, Musl, Refcore } libc = Libc::Glibc;  // documented divergences only
};

struct Prediction {
  Outcome outcome;
  std::string unpredictable;        // non-empty: why the model can't predict this case (outcome meaningless)
  std::vector<std::string> trace;   // one line per rule applied ("adddup2 4 4: clears FD_CLOEXEC")
};

Prediction predict(const Case& c, const ModelEnv& env);

// The directories posix_spawnp searches when the caller has no PATH, as each
// implementation documents them (glibc and refcore: confstr's default; musl
// adds /usr/local/bin).
std::string_view default_search_path(ModelEnv::Libc libc);

// Non-empty when c is structurally invalid for the model (pipe peers that
// do not match, a fd listed twice, a signal that cannot be caught...).
// predict() reports the same reason as unpredictable.
std::string validate(const Case& c);

}  // namespace sc
