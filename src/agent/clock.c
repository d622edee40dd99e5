/* Monotonic clock helpers (clock.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <time.h>

#include "clock.h"

int64_t sc_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sc_spin_ms(unsigned ms)
{
	int64_t end = sc_now_ns() + (int64_t)ms * SC_MS;
	while (sc_now_ns() < end)
		;
}

void sc_sleep_ns(int64_t ns)
{
	struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000), .tv_nsec = (long)(ns % 1000000000)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
