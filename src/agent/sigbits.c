/* Wire signal sets to sigset_t (sigbits.h). */
#define _GNU_SOURCE

#include "sigbits.h"

void sc_sigset_from_bits(uint64_t bits, sigset_t *set)
{
	sigemptyset(set);
	for (int sig = 1; sig <= 64; sig++)
		if (bits >> (sig - 1) & 1)
			sigaddset(set, sig);
}
