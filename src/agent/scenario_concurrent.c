/* concurrent-spawn: N threads (PARAM, default 8) each build their own
 * request through the backend and spawn at the same moment; each must get
 * exactly its own argv (DESIGN.md, "concurrency").
 * Keys, per thread i: `thread <i> ret <ERR|0> pid <n>`, then
 * `thread <i> argv x<hex>…` from its probe's report, or
 * `thread <i> probe-missing`. */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "children.h"
#include "clock.h"
#include "names.h"
#include "probe_report.h"
#include "scenario.h"

#define MAX_THREADS 256
#define GATHER_NS (5000 * SC_MS)

struct gate {
	atomic_int ready;
	atomic_int go;
};

struct spawner {
	const struct sc_job *job;
	struct gate *gate;
	unsigned index;
	int ret;
	pid_t pid;
};

static void *spawn_one(void *arg)
{
	struct spawner *s = arg;
	const struct sc_backend *b = s->job->backend;
	char arg0[] = "probe", arg1[16];
	snprintf(arg1, sizeof arg1, "t%u", s->index);
	char *argv[] = {arg0, arg1, NULL};
	char *envp[] = {NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int fa_ret = b->fa_init(&fa);
	int attr_ret = b->attr_init(&attr);
	/* A spinning gate, not a barrier: it releases every thread within
	 * microseconds of each other. */
	atomic_fetch_add(&s->gate->ready, 1);
	while (!atomic_load(&s->gate->go))
		sched_yield();
	s->pid = -1;
	s->ret = fa_ret ? fa_ret : attr_ret;
	if (s->ret == 0)
		s->ret = b->spawn(&s->pid, s->job->probe, &fa, &attr, argv, envp);
	if (fa_ret == 0)
		b->fa_destroy(&fa);
	if (attr_ret == 0)
		b->attr_destroy(&attr);
	int status;
	if (s->pid > 0)
		sc_wait_or_kill(s->pid, &status, s->job->deadline_ns);
	return NULL;
}

static void arg_value(const char *line, size_t len, void *ctx)
{
	struct sc_text *lines = ctx;
	if (len >= 4 && memcmp(line, "arg ", 4) == 0) {
		sc_text_str(lines, " ");
		sc_text_bytes(lines, line + 4, len - 4);
	}
}

static void report_thread(const struct sc_job *job, const struct spawner *s, struct sc_text *lines)
{
	char name[SC_NAME_MAX];
	struct sc_text report = {0};
	sc_field_start(lines, SC_F_concurrent_thread);
	sc_text_printf(lines, " %u %s", s->index, sc_errno_name(s->ret, name));
	if (s->pid > 0 && sc_probe_report_take(job->scratch, s->pid, &report) == 0)
		sc_lines(&report, arg_value, lines);
	else
		sc_text_str(lines, " probe-missing");
	sc_text_str(lines, "\n");
	sc_text_free(&report);
}

int sc_scenario_concurrent(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	unsigned n = job->req->has_param ? job->req->param : 8;
	if (n == 0 || n > MAX_THREADS)
		return sc_scenario_fail(why, whylen, "thread count", EINVAL);
	struct gate gate;
	atomic_init(&gate.ready, 0);
	atomic_init(&gate.go, 0);
	struct spawner *s = calloc(n, sizeof *s);
	pthread_t *threads = calloc(n, sizeof *threads);
	if (!s || !threads) {
		free(s);
		free(threads);
		return sc_scenario_fail(why, whylen, "calloc", ENOMEM);
	}
	unsigned started = 0;
	int err = 0;
	for (; started < n; started++) {
		s[started] = (struct spawner){.job = job, .gate = &gate, .index = started};
		err = pthread_create(&threads[started], NULL, spawn_one, &s[started]);
		if (err)
			break;
	}
	int64_t until = sc_now_ns() + GATHER_NS;
	while (atomic_load(&gate.ready) < (int)started && sc_now_ns() < until)
		sc_sleep_ns(50 * 1000);
	atomic_store(&gate.go, 1);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* Also after a failure: taking the reports removes them. */
	for (unsigned i = 0; i < started; i++)
		report_thread(job, &s[i], lines);
	free(s);
	free(threads);
	return err ? sc_scenario_fail(why, whylen, "pthread_create", err) : 0;
}
