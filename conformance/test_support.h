// test_support.h — what the suites share to reach the built artefacts: the
// broken implementations of tests/broken, and the spawncheck command.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace sc::test {

inline std::string broken_library(const std::string& bug) {
  return std::string(SC_BROKEN_DIR) + "/libsc-broken-" + bug + ".so";
}

struct Ran {
  int status = -1;     // exit status, -1 when it did not exit normally
  std::string output;  // stdout and stderr
};

// Runs a shell command line, stderr with stdout.
inline Ran shell(const std::string& cmd) {
  Ran o;
  FILE* p = ::popen(("{ " + cmd + "\n} 2>&1").c_str(), "r");
  if (!p) return o;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) o.output.append(buf.data(), n);
  int st = ::pclose(p);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

#ifdef SC_SPAWNCHECK
// Runs `spawncheck ARGS` through the shell (ARGS may hold globs).
inline Ran spawncheck(const std::string& args) { return shell(std::string(SC_SPAWNCHECK) + " " + args); }
#endif

}  // namespace sc::test
