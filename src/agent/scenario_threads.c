/* vfork-threads: only the calling thread is suspended (vfork(2) CAVEATS);
 * another thread of the caller keeps running during the window. The parent
 * samples that thread's counter just before the primitive and the instant
 * it returns, so the measure needs no shared memory: an implementation
 * that stops the world (every thread held, as some emulators and runtimes
 * do) shows no progress over a window at least as long as the child's.
 * Keys: window-us <time the caller was away>, child-us <the child's spin>,
 * progress <counter increments by the other thread during the window>,
 * calibration <increments over one child-us with nobody held>. */
#define _GNU_SOURCE

#include <pthread.h>
#include <stdatomic.h>

#include "clock.h"
#include "launch.h"
#include "scenario.h"

#define START_NS (1000 * SC_MS)

static atomic_ulong counter;
static atomic_int stop;

static void *spin(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
	return NULL;
}

static int child(void *arg)
{
	sc_spin_ms(*(const unsigned *)arg);
	return 0;
}

int sc_scenario_threads(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	pthread_t thread;
	atomic_store(&counter, 0);
	atomic_store(&stop, 0);
	int err = pthread_create(&thread, NULL, spin, NULL);
	if (err)
		return sc_scenario_fail(why, whylen, "pthread_create", err);
	int64_t until = sc_now_ns() + START_NS;
	while (atomic_load(&counter) == 0 && sc_now_ns() < until)
		sc_sleep_ns(50 * 1000);
	unsigned ms = sc_scenario_window_ms(job);
	unsigned long calm = atomic_load(&counter);
	sc_spin_ms(ms);
	unsigned long before = atomic_load(&counter);
	int64_t start = sc_now_ns();
	pid_t pid = sc_launch(job->backend, child, &ms);
	unsigned long after = atomic_load(&counter);
	int64_t back = sc_now_ns();
	int rc = pid < 0 ? sc_scenario_fail(why, whylen, "launch", -pid) : sc_scenario_reap(job, pid, why, whylen);
	atomic_store(&stop, 1);
	pthread_join(thread, NULL);
	if (rc < 0)
		return -1;
	sc_text_printf(lines, "scenario window-us %lld\n", (long long)((back - start) / 1000));
	sc_text_printf(lines, "scenario child-us %u\n", ms * 1000u);
	sc_text_printf(lines, "scenario progress %lu\n", after - before);
	sc_text_printf(lines, "scenario calibration %lu\n", before - calm);
	return 0;
}
