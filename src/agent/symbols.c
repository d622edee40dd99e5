/* The --impl contract's symbol table (symbols.h). */
#define _GNU_SOURCE

#include <string.h>

#include "symbols.h"

/* dlsym hands out object pointers; POSIX guarantees they convert to
 * function pointers, which ISO C does not, so they are copied bytewise. */
_Static_assert(sizeof(void *) == sizeof(sc_spawn_fn *), "function and object pointers differ in size");

const struct sc_symbol sc_symbols[] = {
#define SC_SYMBOL(slot, symbol, optional) {#symbol, offsetof(struct sc_backend, slot), optional},
#include "spawn_ops.def"
};
const size_t sc_nsymbols = sizeof sc_symbols / sizeof sc_symbols[0];

int sc_symbol_filled(const struct sc_backend *b, const struct sc_symbol *s)
{
	void *p;
	memcpy(&p, (const char *)b + s->slot, sizeof p);
	return p != NULL;
}

void sc_symbol_fill(struct sc_backend *b, const struct sc_symbol *s, void *address)
{
	memcpy((char *)b + s->slot, &address, sizeof address);
}
