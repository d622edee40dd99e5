/* observe_caller.h — the caller's own state as `before`/`after` lines:
 * the probe's fd, sigmask, sigign, sigcatch, cwd and umask lines, made by
 * the same code (src/probe, library spawncheck_observe), each prefixed. */
#ifndef SPAWNCHECK_AGENT_OBSERVE_CALLER_H
#define SPAWNCHECK_AGENT_OBSERVE_CALLER_H

#include "text.h"

/* exclude_fd is the worker's reply pipe, which the case never sees. 0, or
 * -errno when the fd table could not be listed completely. */
int sc_observe_caller(struct sc_text *t, const char *prefix, int exclude_fd);

#endif
