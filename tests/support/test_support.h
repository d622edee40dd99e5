// test_support.h — what the suites share to reach the built artefacts: the
// broken implementations of tests/broken, and the spawncheck command.
#pragma once

#include <sys/wait.h>

#include <stdlib.h>

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace sc::test {

#ifdef SC_BROKEN_DIR
inline std::string broken_library(const std::string& bug) {
  return std::string(SC_BROKEN_DIR) + "/libsc-broken-" + bug + ".so";
}
#endif

// A fresh directory /tmp/<prefix>XXXXXX for a test to use and remove.
inline std::string temp_dir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp(" + tmpl + ") failed");
  return tmpl;
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
