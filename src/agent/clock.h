/* clock.h — monotonic time for deadlines and the scenarios' busy waits.
 * All three are async-signal-safe (clock_gettime and nanosleep are). */
#ifndef SPAWNCHECK_AGENT_CLOCK_H
#define SPAWNCHECK_AGENT_CLOCK_H

#include <stdint.h>

int64_t sc_now_ns(void);
/* Burns CPU for ms milliseconds: a vfork child must stay runnable (not
 * asleep) to show that its parent is the one suspended. */
void sc_spin_ms(unsigned ms);
void sc_sleep_ns(int64_t ns);

#define SC_MS (INT64_C(1000000))

#endif
