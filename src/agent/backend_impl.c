/* --impl <path.so>: the POSIX spawn API of an out-of-tree library, taken
 * with dlsym under the contract of DESIGN.md. */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

#include "symbols.h"

/* dlsym(handle) also searches the library's dependencies, so a library
 * lacking posix_spawn would silently hand out the libc's: a symbol only
 * counts when the library itself defines it. */
static int defined_in(const struct link_map *lm, void *address)
{
	Dl_info info;
	return dladdr(address, &info) && info.dli_fname && strcmp(info.dli_fname, lm->l_name) == 0;
}

int sc_backend_impl(const char *path, struct sc_backend *b, char *why, size_t whylen)
{
	void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	struct link_map *lm = NULL;
	if (!handle || dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0) {
		snprintf(why, whylen, "broken impl: %s", dlerror());
		return -1;
	}
	for (size_t i = 0; i < sc_nsymbols; i++) {
		const struct sc_symbol *s = &sc_symbols[i];
		if (sc_symbol_filled(b, s))
			continue;
		void *address = dlsym(handle, s->name);
		if (address && defined_in(lm, address))
			sc_symbol_fill(b, s, address);
		else if (!s->optional) {
			snprintf(why, whylen, "broken impl: missing symbol %s", s->name);
			return -1;
		}
	}
	b->primitive = b->vfork ? SC_PRIM_CALL : SC_PRIM_NONE;
	return 0;
}
