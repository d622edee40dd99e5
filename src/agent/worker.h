/* worker.h — every RUN runs in a single-threaded worker process, so a
 * crashing or hanging implementation only takes the worker down, and
 * every request starts from the same state (docs/protocol.md).
 *
 * A worker serves requests one after the other for as long as each one
 * leaves it exactly as the next one's setup expects (worker_main.c says
 * when): forking a worker per request costs more than the spawn under
 * test. Scenarios and --impl libraries get a fresh worker every time. */
#ifndef SPAWNCHECK_AGENT_WORKER_H
#define SPAWNCHECK_AGENT_WORKER_H

#include <stddef.h>

#include "request.h"
#include "text.h"

/* What HELLO told the agent. */
struct sc_session {
	char *scratch;
	char *probe;
};

/* Once, before the first RUN: SIGCHLD wakes the agent's waits. 0 or -errno. */
int sc_worker_init(void);
/* Appends the whole RUN reply, "agent 1" to "end", to reply. payload is
 * the request's frame payload, which the worker decodes again itself. */
void sc_worker_run(const struct sc_request *req, const unsigned char *payload, size_t len,
                   const struct sc_session *session, struct sc_text *reply);
/* Ends the worker, if any, and everything under the agent (HELLO, QUIT,
 * end of input). */
void sc_worker_retire(void);

/* The worker's side (worker_main.c), in the forked worker: reads requests
 * from fd (u32 length, payload) and answers each on fd (u32 length, u8
 * "keeps serving", then the reply body "result …" to "end"), until end of
 * input or a request after which it cannot stay, then _exits. */
_Noreturn void sc_worker_serve(const struct sc_session *session, int fd);

#endif
