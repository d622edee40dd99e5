// layout.h — where the programs the harness runs are: the agents, probes
// and binfmt launcher under <libexec>/spawncheck (cmake/layout.cmake
// declares the tree). Found relative to the running executable, so an
// install works from any prefix and can be moved; an executable inside the
// build directory uses the tree staged there; SPAWNCHECK_LIBEXEC overrides
// both.
#pragma once

#include <string>

namespace sc {

struct Libexec {
  std::string dir;    // the tree, absolute; "" when not found
  std::string error;  // when dir is empty: where it was looked for
};

// Resolved once per process.
const Libexec& libexec();

// The programs of one target ("host", "musl", an architecture): paths even
// when the tree was not found, so that an error names what is missing.
std::string agent_path(const std::string& target);
std::string impl_agent_path(const std::string& target);  // the dynamic agent of --impl
std::string probe_path(const std::string& target);
// The binfmt_misc launcher (docs/cross.md), one for every target.
std::string binfmt_path();

}  // namespace sc
