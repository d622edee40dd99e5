// variants.h — the ways of spawning the benchmark compares.
#pragma once

#include <sys/types.h>

#include <span>

namespace spawncheck::bench {

struct Variant {
  const char *name;  // as in the CSV and the report
  // Starts path; returns the child's pid (to be reaped) or -errno.
  pid_t (*spawn)(const char *path, char *const argv[], char *const envp[]);
};

// refcore, libc, vfork-exec, fork-exec (the conformance backends; the
// clone-vfork backend is refcore's own path and is not measured twice),
// then the raw primitives: raw-clone (the floor), raw-vfork, raw-fork.
std::span<const Variant> variants();

}  // namespace spawncheck::bench
