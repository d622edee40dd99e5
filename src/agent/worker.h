/* worker.h — every RUN runs in a fresh, single-threaded worker process,
 * so a crashing or hanging implementation only takes the worker down and
 * every request starts from the same state (docs/protocol.md). */
#ifndef SPAWNCHECK_AGENT_WORKER_H
#define SPAWNCHECK_AGENT_WORKER_H

#include <stdint.h>

#include "request.h"
#include "text.h"

/* What HELLO told the agent. */
struct sc_session {
	char *scratch;
	char *probe;
};

/* Once, before the first RUN: SIGCHLD wakes the agent's waits. 0 or -errno. */
int sc_worker_init(void);
/* Appends the whole RUN reply, "agent 1" to "end", to reply. */
void sc_worker_run(const struct sc_request *req, const struct sc_session *session, struct sc_text *reply);

/* The worker's side (worker_main.c), in the forked worker: writes the
 * reply body, "result …" to "end", to fd and _exits. */
_Noreturn void sc_worker_main(const struct sc_request *req, const struct sc_session *session, int fd,
                              int64_t deadline_ns);

#endif
