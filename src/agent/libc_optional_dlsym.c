/* A dynamic agent finds the libc's optional builders at run time, so one
 * binary reports what the libc it actually runs with provides. */
#define _GNU_SOURCE

#include <dlfcn.h>

#include "symbols.h"

void sc_backend_libc_optional(struct sc_backend *b)
{
	for (size_t i = 0; i < sc_nsymbols; i++) {
		const struct sc_symbol *s = &sc_symbols[i];
		if (!s->optional || sc_symbol_filled(b, s))
			continue;
		void *address = dlsym(RTLD_DEFAULT, s->name);
		if (address)
			sc_symbol_fill(b, s, address);
	}
}
