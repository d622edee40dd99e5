/* The caller's observation lines (observe_caller.h), written by the
 * probe's own observation code so both sides speak one syntax. */
#define _GNU_SOURCE

#include "observe.h"
#include "observe_caller.h"

/* Static: an observation holds the whole fd table. */
static struct observation obs;
static struct out out;

static int to_text(void *ctx, const char *p, size_t n)
{
	sc_text_bytes(ctx, p, n);
	return 0;
}

static void start(const char *prefix)
{
	out_str(&out, prefix);
	out_str(&out, " ");
}

int sc_observe_caller(struct sc_text *t, const char *prefix, int exclude_fd)
{
	/* Only what the observe_* functions accumulate into: clearing the
	 * whole fd table would touch ~200 KiB per call for nothing. */
	obs.nfds = 0;
	obs.sigmask = obs.sigign = obs.sigcatch = 0;
	observe_process(&obs);
	observe_signals(&obs);
	int rc = observe_fds(&obs, exclude_fd);
	if (rc < 0)
		return rc;
	out.sink = to_text;
	out.ctx = t;
	out.err = 0;
	out.len = 0;
	start(prefix);
	observe_line_umask(&out, obs.umask);
	start(prefix);
	observe_line_hex(&out, "cwd", obs.cwd);
	for (size_t i = 0; i < obs.nfds; i++) {
		start(prefix);
		observe_line_fd(&out, &obs.fds[i]);
	}
	start(prefix);
	observe_line_sigset(&out, "sigmask", obs.sigmask);
	start(prefix);
	observe_line_sigset(&out, "sigign", obs.sigign);
	start(prefix);
	observe_line_sigset(&out, "sigcatch", obs.sigcatch);
	return out_flush(&out);
}
