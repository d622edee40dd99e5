/* vfork-threads: only the calling thread is suspended (vfork(2) CAVEATS);
 * another thread of the caller keeps running during the window. The child
 * samples that thread's counter at the start and the end of its own spin,
 * so the measure covers exactly the time the caller is held: a caller
 * preempted before the primitive stops anyone cannot lend the thread time
 * that counts. Counter and samples live in a MAP_SHARED page, so a child
 * made by fork reads the live counter too, and an implementation that
 * stops the world (every thread held, as some emulators and runtimes do)
 * shows no progress whatever its primitive.
 * Keys: window-us <time the caller was away>, child-us <the child's spin>,
 * progress <increments by the other thread during the child's spin>,
 * calibration <increments over one child-us with nobody held>. */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "clock.h"
#include "launch.h"
#include "scenario.h"

#define START_NS (1000 * SC_MS)

struct shared {
	atomic_ulong counter;
	atomic_int stop;
	unsigned ms;
	unsigned long first, last; /* the counter as the child saw it */
};

static void *spin(void *arg)
{
	struct shared *sh = arg;
	while (!atomic_load_explicit(&sh->stop, memory_order_relaxed))
		atomic_fetch_add_explicit(&sh->counter, 1, memory_order_relaxed);
	return NULL;
}

static int child(void *arg)
{
	struct shared *sh = arg;
	sh->first = atomic_load(&sh->counter);
	sc_spin_ms(sh->ms);
	sh->last = atomic_load(&sh->counter);
	return 0;
}

static int measure(const struct sc_job *job, struct shared *sh, struct sc_text *lines, char *why, size_t whylen)
{
	pthread_t thread;
	int err = pthread_create(&thread, NULL, spin, sh);
	if (err)
		return sc_scenario_fail(why, whylen, "pthread_create", err);
	int64_t until = sc_now_ns() + START_NS;
	while (atomic_load(&sh->counter) == 0 && sc_now_ns() < until)
		sc_sleep_ns(50 * 1000);
	sh->ms = sc_scenario_window_ms(job);
	unsigned long calm = atomic_load(&sh->counter);
	sc_spin_ms(sh->ms);
	unsigned long calibration = atomic_load(&sh->counter) - calm;
	int64_t start = sc_now_ns();
	pid_t pid = sc_launch(job->backend, child, sh);
	int64_t back = sc_now_ns();
	int rc = pid < 0 ? sc_scenario_fail(why, whylen, "launch", -pid) : sc_scenario_reap(job, pid, why, whylen);
	atomic_store(&sh->stop, 1);
	pthread_join(thread, NULL);
	if (rc < 0)
		return -1;
	sc_field(lines, SC_F_threads_window_us, "%lld", (long long)((back - start) / 1000));
	sc_field(lines, SC_F_threads_child_us, "%u", sh->ms * 1000u);
	sc_field(lines, SC_F_threads_progress, "%lu", sh->last - sh->first);
	sc_field(lines, SC_F_threads_calibration, "%lu", calibration);
	return 0;
}

int sc_scenario_threads(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return sc_scenario_fail(why, whylen, "mmap", errno);
	int rc = measure(job, sh, lines, why, whylen);
	munmap(sh, sizeof *sh);
	return rc;
}
