/* vfork-suspend: is the caller suspended until the child terminates?
 * The child spins (stays runnable) and only then sets a shared flag; a
 * suspended parent sees the flag set the instant the primitive returns,
 * with no timing threshold (LTP clone05's technique).
 * Keys: flag-at-return 0|1, window-us <time the caller was away>. */
#define _GNU_SOURCE

#include "clock.h"
#include "launch.h"
#include "scenario.h"

struct window {
	volatile int flag;
	unsigned ms;
};

static int child(void *arg)
{
	struct window *w = arg;
	sc_spin_ms(w->ms);
	w->flag = 1;
	return 0;
}

int sc_scenario_suspend(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	struct window w = {0, sc_scenario_window_ms(job)};
	int64_t start = sc_now_ns();
	pid_t pid = sc_launch(job->backend, child, &w);
	int flag = w.flag;
	int64_t back = sc_now_ns();
	if (pid < 0)
		return sc_scenario_fail(why, whylen, "launch", -pid);
	if (sc_scenario_reap(job, pid, why, whylen) < 0)
		return -1;
	sc_field(lines, SC_F_suspend_flag_at_return, "%d", flag);
	sc_field(lines, SC_F_suspend_window_us, "%lld", (long long)((back - start) / 1000));
	return 0;
}
