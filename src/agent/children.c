/* Bounded waits and child clean-up (children.h). __WALL everywhere: an
 * implementation may create its child with clone() and an exit signal
 * other than SIGCHLD, and such a child must still be found and reaped. */
#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"

/* SIGCHLD cannot be relied on: the case decides the caller's mask and
 * dispositions. A pidfd becomes readable when its process ends, whatever
 * they are; where there is none (kernels before 5.3, emulators), polling
 * with a short, growing nap, since a spawned probe usually ends within a
 * millisecond. */
#define NAP_FIRST_NS INT64_C(20000)
#define NAP_MAX_NS (2 * SC_MS)

static void nap(int64_t *ns, int64_t deadline_ns)
{
	int64_t left = deadline_ns - sc_now_ns();
	sc_sleep_ns(*ns < left ? *ns : left);
	*ns = *ns * 2 < NAP_MAX_NS ? *ns * 2 : NAP_MAX_NS;
}

static int pidfd_of(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

/* Until the pidfd is readable or the deadline. */
static void await_exit(int pidfd, int64_t deadline_ns)
{
	int64_t left = deadline_ns - sc_now_ns();
	if (left <= 0)
		return;
	struct timespec ts = {.tv_sec = (time_t)(left / 1000000000), .tv_nsec = (long)(left % 1000000000)};
	struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
	ppoll(&pfd, 1, &ts, NULL);
}

static int wait_until(pid_t pid, int *status, int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	int pidfd = -2, rc;  /* -2: not asked for yet, -1: none */
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG | __WALL);
		if (r == pid) {
			rc = 1;
			break;
		}
		if (r < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		if (r == 0 && sc_now_ns() >= deadline_ns) {
			rc = 0;
			break;
		}
		if (r == 0 && pidfd == -2)
			pidfd = pidfd_of(pid);
		if (r == 0 && pidfd >= 0)
			await_exit(pidfd, deadline_ns);
		else if (r == 0)
			nap(&ns, deadline_ns);
	}
	if (pidfd >= 0)
		close(pidfd);
	return rc;
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

pid_t sc_wait_any(int *status, int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	for (;;) {
		pid_t r = waitpid(-1, status, WNOHANG | __WALL);
		if (r > 0)
			return r;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r == 0 && sc_now_ns() >= deadline_ns)
			return 0;
		if (r == 0)
			nap(&ns, deadline_ns);
	}
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

/* Whether a listed child is already dead and being released: with
 * SIGCHLD ignored the kernel reaps a child itself (state X, EXIT_DEAD),
 * and until release_task() unlinks it, it still shows in our children
 * list although nothing is left to reap. */
static int releasing(int pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 1; /* gone already */
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')'. */
	const char *paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' && paren[2] == 'X';
}

static unsigned count_listed(void)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	FILE *f = fopen(path, "re");
	unsigned n = 0;
	int pid;
	while (f && fscanf(f, "%d", &pid) == 1)
		n += !releasing(pid);
	if (f)
		fclose(f);
	return n;
}

unsigned sc_leftover_children(void)
{
	return sc_reap_zombies() + count_listed();
}

/* The kernel's list of our live children but keep; the pids stay ours
 * (and unreusable) until we reap them, so killing them cannot hit a
 * stranger. How many were killed, or -errno. */
static int kill_listed(pid_t keep)
{
	char path[64];
	/* The agent is single-threaded, so its only task id is its pid. */
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	int pid, n = 0;
	while (fscanf(f, "%d", &pid) == 1)
		if (pid != keep && kill(pid, SIGKILL) == 0)
			n++;
	fclose(f);
	return n;
}

void sc_kill_children(int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	for (;;) {
		sc_reap_zombies();
		if (!have_children())
			return;
		if (kill_listed(-1) < 0) {
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

/* Reaps terminated children but keep; stops at keep, whose end is its
 * owner's business. */
static void reap_others(pid_t keep)
{
	for (;;) {
		siginfo_t si;
		si.si_pid = 0;
		int rc = waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL);
		if (rc != 0 && errno == EINTR)
			continue;
		if (rc != 0 || si.si_pid == 0 || si.si_pid == keep)
			return;
		waitpid(si.si_pid, NULL, __WALL);
	}
}

void sc_kill_orphans(pid_t keep, int64_t deadline_ns)
{
	int64_t ns = NAP_FIRST_NS;
	for (;;) {
		reap_others(keep);
		int n = kill_listed(keep);
		if (n < 0)
			perror("spawncheck-agent: cannot list children to kill");
		if (n <= 0)
			return;
		if (sc_now_ns() >= deadline_ns) {
			fprintf(stderr, "spawncheck-agent: children survive SIGKILL\n");
			return;
		}
		nap(&ns, deadline_ns);
	}
}
