/* symbols.h — the --impl contract (spawn_ops.def SC_SYMBOL) as data: every
 * POSIX spawn symbol, the backend slot it fills and whether it is optional.
 * Used where symbols are found at run time (dlsym). */
#ifndef SPAWNCHECK_AGENT_SYMBOLS_H
#define SPAWNCHECK_AGENT_SYMBOLS_H

#include <stddef.h>

#include "backend.h"

struct sc_symbol {
	const char *name;
	size_t slot;       /* offsetof(struct sc_backend, <function pointer>) */
	int optional;
};

extern const struct sc_symbol sc_symbols[];
extern const size_t sc_nsymbols;

int sc_symbol_filled(const struct sc_backend *b, const struct sc_symbol *s);
void sc_symbol_fill(struct sc_backend *b, const struct sc_symbol *s, void *address);

#endif
