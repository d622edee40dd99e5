/* raw_spawn.h — spawning with nothing but the primitive and execve: no
 * error pipe, no signal blocking, no handler reset. What a spawn core is
 * measured against, not something to use: an exec failure is only an exit
 * status of 127, and a handler could run in a child sharing our memory. */
#ifndef SC_BENCH_RAW_SPAWN_H
#define SC_BENCH_RAW_SPAWN_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Each returns the child's pid or -errno; the caller reaps it. */
pid_t bench_raw_vfork(const char *path, char *const argv[], char *const envp[]);
pid_t bench_raw_fork(const char *path, char *const argv[], char *const envp[]);
/* clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a stack of the calling thread. */
pid_t bench_raw_clone(const char *path, char *const argv[], char *const envp[]);

#ifdef __cplusplus
}
#endif

#endif
