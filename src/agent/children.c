/* Bounded waits and child clean-up (children.h). __WALL everywhere: an
 * implementation may create its child with clone() and an exit signal
 * other than SIGCHLD, and such a child must still be found and reaped. */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"

/* Polling with a short, growing nap: a spawned probe usually ends within
 * a millisecond, and SIGCHLD cannot be relied on because the case decides
 * the caller's mask and dispositions. */
#define NAP_FIRST_NS INT64_C(20000)
#define NAP_MAX_NS (2 * SC_MS)

static void nap(int64_t *ns, int64_t deadline_ns)
{
	int64_t left = deadline_ns - sc_now_ns();
	sc_sleep_ns(*ns < left ? *ns : left);
	*ns = *ns * 2 < NAP_MAX_NS ? *ns * 2 : NAP_MAX_NS;
}

static int wait_until(pid_t pid, int *status, int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG | __WALL);
		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r == 0 && sc_now_ns() >= deadline_ns)
			return 0;
		if (r == 0)
			nap(&ns, deadline_ns);
	}
}

int sc_wait_or_kill(pid_t pid, int *status, int64_t deadline_ns)
{
	int rc = wait_until(pid, status, deadline_ns);
	if (rc == 0) {
		/* Still our unreaped child, so the pid cannot have been reused. */
		kill(pid, SIGKILL);
		wait_until(pid, status, sc_now_ns() + 1000 * SC_MS);
	}
	return rc;
}

unsigned sc_reap_zombies(void)
{
	unsigned n = 0;
	for (;;) {
		siginfo_t si;
		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL) != 0) {
			if (errno == EINTR)
				continue;
			return n;
		}
		if (si.si_pid == 0)
			return n;
		n++;
	}
}

static int have_children(void)
{
	siginfo_t si;
	return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) == 0;
}

static unsigned count_listed(void)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	FILE *f = fopen(path, "re");
	unsigned n = 0;
	int pid;
	while (f && fscanf(f, "%d", &pid) == 1)
		n++;
	if (f)
		fclose(f);
	return n;
}

unsigned sc_leftover_children(void)
{
	return sc_reap_zombies() + count_listed();
}

/* The kernel's list of our live children; the pids stay ours (and
 * unreusable) until we reap them, so killing them cannot hit a stranger. */
static int kill_listed(void)
{
	char path[64];
	/* The agent is single-threaded, so its only task id is its pid. */
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	int pid;
	while (fscanf(f, "%d", &pid) == 1)
		kill(pid, SIGKILL);
	fclose(f);
	return 0;
}

void sc_kill_children(int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	for (;;) {
		sc_reap_zombies();
		if (!have_children())
			return;
		if (kill_listed() < 0) {
			perror("spawncheck-agent: cannot list children to kill");
			return;
		}
		if (sc_now_ns() >= deadline_ns) {
			fprintf(stderr, "spawncheck-agent: children survive SIGKILL\n");
			return;
		}
		nap(&ns, deadline_ns);
	}
}
