/* sigbits.h — the wire's 64-bit signal sets (bit n-1 = signal n). */
#ifndef SPAWNCHECK_AGENT_SIGBITS_H
#define SPAWNCHECK_AGENT_SIGBITS_H

#include <signal.h>
#include <stdint.h>

/* Signals the libc reserves (32..34) cannot be added and are skipped:
 * cases may not name them (spawn_ops.def). */
void sc_sigset_from_bits(uint64_t bits, sigset_t *set);

#endif
