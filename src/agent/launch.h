/* launch.h — a child in the shared-memory window of the backend's
 * creation primitive, for the scenarios.
 *
 * fn runs in the child and must be async-signal-safe; it ends the child
 * with _exit (its return value also becomes the exit status). Everything
 * it shares with the parent must be volatile. */
#ifndef SPAWNCHECK_AGENT_LAUNCH_H
#define SPAWNCHECK_AGENT_LAUNCH_H

#include <sys/types.h>

#include "backend.h"

/* The child's pid, or -errno (-ENOSYS: the backend has no primitive). */
pid_t sc_launch(const struct sc_backend *b, int (*fn)(void *), void *arg);

#endif
