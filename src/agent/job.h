/* job.h — what the worker hands to a RUN's spawn or scenario once the
 * backend is loaded and the caller state is set up. */
#ifndef SPAWNCHECK_AGENT_JOB_H
#define SPAWNCHECK_AGENT_JOB_H

#include <stdint.h>

#include "backend.h"
#include "request.h"
#include "text.h"

struct sc_job {
	const struct sc_request *req;
	const struct sc_backend *backend;
	const char *scratch;     /* from HELLO */
	const char *probe;       /* from HELLO */
	const char *root;        /* <scratch>/root */
	int reply_fd;            /* the worker's own; never observed */
	int64_t deadline_ns;     /* the request's timeout, from the worker's start */
	struct sc_text *out;     /* reply lines after "backend" */
};

/* The spawn of a RUN (run.c). 1 when it left the caller as it found it:
 * the same observed state, no child and no pending signal but SIGCHLD. */
int sc_run(const struct sc_job *job);
/* The scenario of a RUN (scenario.c). */
void sc_scenario_run(const struct sc_job *job);

#endif
