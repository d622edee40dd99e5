#include "variants.h"

#include <spawn.h>

#include "raw_spawn.h"
#include "spawncheck/refcore.h"

namespace spawncheck::bench {
namespace {

pid_t pid_or_error(int err, pid_t pid) { return err ? -err : pid; }

template <sc_launch How>
pid_t refcore_via(const char *path, char *const argv[], char *const envp[]) {
  pid_t pid = 0;
  return pid_or_error(sc_spawn_via(How, 0, &pid, path, nullptr, nullptr, argv, envp), pid);
}

pid_t refcore(const char *path, char *const argv[], char *const envp[]) {
  pid_t pid = 0;
  return pid_or_error(sc_spawn(&pid, path, nullptr, nullptr, argv, envp), pid);
}

pid_t libc(const char *path, char *const argv[], char *const envp[]) {
  pid_t pid = 0;
  return pid_or_error(posix_spawn(&pid, path, nullptr, nullptr, argv, envp), pid);
}

constexpr Variant all[] = {
    {"refcore", refcore},
    {"libc", libc},
    {"vfork-exec", refcore_via<SC_LAUNCH_VFORK>},
    {"fork-exec", refcore_via<SC_LAUNCH_FORK>},
    {"raw-clone", bench_raw_clone},
    {"raw-vfork", bench_raw_vfork},
    {"raw-fork", bench_raw_fork},
};

}  // namespace

std::span<const Variant> variants() { return all; }

}  // namespace spawncheck::bench
