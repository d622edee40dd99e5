/* Signal mask and dispositions, for every signal 1..64. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <signal.h>

#include "observe.h"

void observe_signals(struct observation *obs)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	for (int sig = 1; sig <= 64; sig++) {
		uint64_t bit = (uint64_t)1 << (sig - 1);
		if (sigismember(&mask, sig) == 1)
			obs->sigmask |= bit;
		/* libcs refuse sigaction on their internal signals (32..34) and
		 * the harness ignores those anyway, so a failure just skips. */
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) != 0)
			continue;
		if (sa.sa_handler == SIG_IGN)
			obs->sigign |= bit;
		else if (sa.sa_handler != SIG_DFL)
			obs->sigcatch |= bit;
	}
}
