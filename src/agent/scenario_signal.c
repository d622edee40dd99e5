/* vfork-signal: is a signal sent to the caller during the window handled
 * only after the child has released it (vfork(2): "signals sent to the
 * parent arrive after the child releases the parent's memory")? The child
 * signals its parent, spins, then sets a shared "released" flag that the
 * handler samples.
 * Keys: handled <count>, handled-before-release 0|1, handler-in-child 0|1
 * (the handler ran in a process other than the caller). */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "clock.h"
#include "launch.h"
#include "scenario.h"

/* How long a signal may take to arrive after the child has gone; the
 * host measures 0.1–1 ms. */
#define ARRIVAL_NS (1000 * SC_MS)

static volatile sig_atomic_t handled, released, before_release, in_child;
static volatile pid_t caller;

static void on_usr1(int sig)
{
	(void)sig;
	if (handled == 0)
		before_release = !released;
	if (getpid() != caller)
		in_child = 1;
	handled = handled + 1;
}

static int child(void *arg)
{
	const unsigned *ms = arg;
	kill(getppid(), SIGUSR1);
	sc_spin_ms(*ms);
	released = 1;
	return 0;
}

int sc_scenario_signal(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigaction(SIGUSR1, &sa, NULL) != 0 || sigprocmask(SIG_UNBLOCK, &usr1, NULL) != 0)
		return sc_scenario_fail(why, whylen, "sigaction", errno);
	handled = released = before_release = in_child = 0;
	caller = getpid();
	unsigned ms = sc_scenario_window_ms(job);
	pid_t pid = sc_launch(job->backend, child, &ms);
	if (pid < 0)
		return sc_scenario_fail(why, whylen, "launch", -pid);
	if (sc_scenario_reap(job, pid, why, whylen) < 0)
		return -1;
	int64_t until = sc_now_ns() + ARRIVAL_NS;
	while (!handled && sc_now_ns() < until)
		sc_sleep_ns(50 * 1000);
	sc_field(lines, SC_F_signal_handled, "%d", (int)handled);
	sc_field(lines, SC_F_signal_handled_before_release, "%d", (int)before_release);
	sc_field(lines, SC_F_signal_handler_in_child, "%d", (int)in_child);
	return 0;
}
