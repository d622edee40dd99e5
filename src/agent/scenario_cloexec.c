/* concurrent-cloexec: no fd of the implementation or of another thread
 * reaches a child. PARAM threads (default 4) each spawn the probe 25
 * times while one more thread opens and closes O_CLOEXEC pipes in a loop;
 * the worker has no inheritable fd, so every report must list none. An
 * implementation that makes its own fds close-on-exec late (in the child,
 * or with fcntl after creating them) leaks them into the children other
 * threads create meanwhile.
 * Keys: spawns <n>, errors <n>, missing <n> (no report), leaks <n> (reports
 * listing an fd), first-leak <fd line> (when leaks > 0). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe_report.h"
#include "scenario.h"
#include "scenario_probe.h"

#define SPAWNS_PER_THREAD 25
#define MAX_THREADS 64

struct spawner {
	const struct sc_job *job;
	unsigned errors, missing, leaks;
	unsigned fds;      /* fd lines in the report being read */
	char first[256];   /* the first leaked fd line, NUL-terminated */
};

static atomic_int stop;

static void *churn(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		int p[2];
		if (pipe2(p, O_CLOEXEC) == 0) {
			close(p[0]);
			close(p[1]);
		}
	}
	return NULL;
}

static void fd_line(const char *line, size_t len, void *ctx)
{
	struct spawner *s = ctx;
	if (len < 3 || memcmp(line, "fd ", 3) != 0)
		return;
	if (s->fds++ == 0 && s->leaks == 0) {
		size_t n = len < sizeof s->first - 1 ? len : sizeof s->first - 1;
		memcpy(s->first, line, n);
		s->first[n] = '\0';
	}
}

static void *spawn_loop(void *arg)
{
	struct spawner *s = arg;
	char *envp[] = {NULL};
	for (int i = 0; i < SPAWNS_PER_THREAD; i++) {
		pid_t pid;
		if (sc_probe_spawn(s->job, NULL, envp, &pid) != 0) {
			s->errors++;
			continue;
		}
		struct sc_text report = {0};
		s->fds = 0;
		if (sc_probe_collect(s->job, pid, &report) == 0)
			sc_lines(&report, fd_line, s);
		else
			s->missing++;
		if (s->fds)
			s->leaks++;
		sc_text_free(&report);
	}
	return NULL;
}

int sc_scenario_cloexec(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	unsigned n = job->req->has_param ? job->req->param : 4;
	if (n == 0 || n > MAX_THREADS)
		return sc_scenario_fail(why, whylen, "thread count", EINVAL);
	struct spawner s[MAX_THREADS];
	pthread_t threads[MAX_THREADS], churner;
	atomic_store(&stop, 0);
	int err = pthread_create(&churner, NULL, churn, NULL);
	if (err)
		return sc_scenario_fail(why, whylen, "pthread_create", err);
	unsigned started = 0;
	for (; started < n && !err; started++) {
		s[started] = (struct spawner){.job = job};
		err = pthread_create(&threads[started], NULL, spawn_loop, &s[started]);
	}
	if (err)
		started--;
	unsigned errors = 0, missing = 0, leaks = 0;
	const char *first = NULL;
	for (unsigned i = 0; i < started; i++) {
		pthread_join(threads[i], NULL);
		errors += s[i].errors;
		missing += s[i].missing;
		leaks += s[i].leaks;
		if (!first && s[i].leaks)
			first = s[i].first;
	}
	atomic_store(&stop, 1);
	pthread_join(churner, NULL);
	if (err)
		return sc_scenario_fail(why, whylen, "pthread_create", err);
	sc_field(lines, SC_F_cloexec_spawns, "%u", started * SPAWNS_PER_THREAD);
	sc_field(lines, SC_F_cloexec_errors, "%u", errors);
	sc_field(lines, SC_F_cloexec_missing, "%u", missing);
	sc_field(lines, SC_F_cloexec_leaks, "%u", leaks);
	if (first)
		sc_field(lines, SC_F_cloexec_first_leak, "%s", first);
	return 0;
}
