/* vfork-fatal-signal: a fatal signal still ends a caller that its child
 * holds (Linux waits for the child killably). A helper process, forked so
 * that the worker survives, creates a child with the creation primitive;
 * the child announces itself through a shared page and spins for PARAM ms
 * (default 2000) or until its parent is gone. Once the child runs, the
 * worker sends the helper SIGTERM (default action) and times its death.
 * Keys: death-us <SIGTERM to reaped>, hold-us <the child's spin>,
 * status signaled <SIGNAME|n> | exited <n> | outlived-the-deadline (then
 * killed). */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"
#include "launch.h"
#include "names.h"
#include "scenario.h"

#define START_NS (2000 * SC_MS)

struct hold {
	volatile int started;
	pid_t parent;
	unsigned ms;
};

static int child(void *arg)
{
	struct hold *h = arg;
	h->started = 1;
	int64_t end = sc_now_ns() + (int64_t)h->ms * SC_MS;
	while (getppid() == h->parent && sc_now_ns() < end)
		;
	return 0;
}

static _Noreturn void helper(const struct sc_job *job, struct hold *h)
{
	h->parent = getpid();
	pid_t pid = sc_launch(job->backend, child, h);
	_exit(pid < 0 ? 1 : 0);
}

static void status_line(struct sc_text *lines, int status)
{
	char name[SC_NAME_MAX];
	if (WIFSIGNALED(status))
		sc_field(lines, SC_F_fatal_status, "signaled %s", sc_signal_name(WTERMSIG(status), name));
	else
		sc_field(lines, SC_F_fatal_status, "exited %d", WEXITSTATUS(status));
}

int sc_scenario_fatal(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	unsigned ms = job->req->has_param ? job->req->param : 2000;
	/* Shared with the helper and, through it, with its child whatever the
	 * primitive does to memory. */
	struct hold *h = mmap(NULL, sizeof *h, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return sc_scenario_fail(why, whylen, "mmap", errno);
	h->started = 0;
	h->ms = ms;
	pid_t pid = fork();
	if (pid == 0)
		helper(job, h);
	if (pid < 0) {
		int err = errno;
		munmap(h, sizeof *h);
		return sc_scenario_fail(why, whylen, "fork", err);
	}
	int64_t until = sc_now_ns() + START_NS;
	while (!h->started && sc_now_ns() < until)
		sc_sleep_ns(50 * 1000);
	int started = h->started, status = 0, rc;
	int64_t sent = sc_now_ns();
	kill(pid, SIGTERM);
	rc = sc_wait_or_kill(pid, &status, job->deadline_ns);
	int64_t reaped = sc_now_ns();
	munmap(h, sizeof *h);
	if (!started)
		return sc_scenario_fail(why, whylen, "the helper's child never ran", ETIMEDOUT);
	if (rc < 0)
		return sc_scenario_fail(why, whylen, "waitpid", -rc);
	sc_field(lines, SC_F_fatal_death_us, "%lld", (long long)((reaped - sent) / 1000));
	sc_field(lines, SC_F_fatal_hold_us, "%u", ms * 1000u);
	if (rc == 0)
		sc_field(lines, SC_F_fatal_status, "outlived-the-deadline");
	else
		status_line(lines, status);
	return 0;
}
