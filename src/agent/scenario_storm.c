/* signal-storm: a handler of the caller never runs in a spawned child.
 * The child of a vfork-style spawn shares the caller's memory until it
 * execs, so a handler running there corrupts the caller (vfork(2),
 * CAVEATS); implementations reset caught signals to SIG_DFL in the child
 * before they lower its mask. The worker leads its own process group and
 * catches SIGWINCH (default: ignore, so the probes are not hurt), a helper
 * sends SIGWINCH to that group in a loop while the worker makes PARAM
 * (default 54) spawns along the nine paths of scenario_probe.h, and the
 * handler records every run in a process other than the caller through a
 * shared page (bionic's signal_stress technique), and, apart, every run in
 * a child that shares the caller's memory: only such a child's store to a
 * private global reaches the caller. A handler running in a fork child
 * harms nobody; one in a vfork-style child runs on the caller's memory. */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"
#include "scenario.h"
#include "scenario_probe.h"

#define STORM_SIGNAL SIGWINCH
/* Bound on the helper, in case the worker dies without stopping it. */
#define STORM_MAX_NS (10000 * SC_MS)
/* Between two signals: a child lives ~50 us before it lowers its mask, so
 * most children still get one, and the caller is not drowned. */
#define STORM_PAUSE_NS (20 * 1000)

struct storm {
	atomic_int go, stop;
	atomic_uint in_child;
};

static struct storm *shared;
static volatile sig_atomic_t handled, in_shared_child;
static pid_t caller;

static void on_signal(int sig)
{
	(void)sig;
	if (getpid() != caller) {
		atomic_fetch_add(&shared->in_child, 1);
		in_shared_child = in_shared_child + 1;
	} else {
		handled = handled + 1;
	}
}

/* Forked before the handler exists: the storm's own sender keeps the
 * default (ignore) and cannot count as a child. */
static _Noreturn void sender(pid_t group)
{
	int64_t end = sc_now_ns() + STORM_MAX_NS;
	while (!atomic_load(&shared->go) && sc_now_ns() < end)
		sc_sleep_ns(20 * 1000);
	while (!atomic_load(&shared->stop) && sc_now_ns() < end) {
		kill(-group, STORM_SIGNAL);
		sc_sleep_ns(STORM_PAUSE_NS);
	}
	_exit(0);
}

static unsigned spawn_many(const struct sc_job *job, unsigned n)
{
	char *envp[] = {NULL};
	unsigned errors = 0;
	for (unsigned i = 0; i < n; i++) {
		pid_t pid;
		if (sc_probe_spawn_path(job, i, envp, &pid) != 0)
			errors++;
		sc_probe_collect(job, pid, NULL);
	}
	return errors;
}

int sc_scenario_storm(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	unsigned n = job->req->has_param ? job->req->param : 6 * SC_PATHS;
	/* Our own group: the storm reaches the worker and its children only. */
	if (setpgid(0, 0) != 0)
		return sc_scenario_fail(why, whylen, "setpgid", errno);
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return sc_scenario_fail(why, whylen, "mmap", errno);
	atomic_init(&shared->go, 0);
	atomic_init(&shared->stop, 0);
	atomic_init(&shared->in_child, 0);
	caller = getpid();
	handled = in_shared_child = 0;
	pid_t helper = fork();
	if (helper == 0)
		sender(caller);
	if (helper < 0) {
		int err = errno;
		munmap(shared, sizeof *shared);
		return sc_scenario_fail(why, whylen, "fork", err);
	}
	struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	int rc = sigaction(STORM_SIGNAL, &sa, NULL) == 0 ? 0 : sc_scenario_fail(why, whylen, "sigaction", errno);
	unsigned errors = 0;
	if (rc == 0) {
		atomic_store(&shared->go, 1);
		errors = spawn_many(job, n);
	}
	atomic_store(&shared->stop, 1);
	int status;
	sc_wait_or_kill(helper, &status, job->deadline_ns);
	signal(STORM_SIGNAL, SIG_DFL);
	if (rc == 0) {
		sc_field(lines, SC_F_storm_spawns, "%u", n);
		sc_field(lines, SC_F_storm_errors, "%u", errors);
		sc_field(lines, SC_F_storm_handled, "%d", (int)handled);
		sc_field(lines, SC_F_storm_handler_in_child, "%u", atomic_load(&shared->in_child));
		sc_field(lines, SC_F_storm_handler_in_shared_child, "%d", (int)in_shared_child);
	}
	munmap(shared, sizeof *shared);
	return rc;
}
