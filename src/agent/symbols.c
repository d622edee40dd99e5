/* The --impl contract's symbol table (symbols.h). */
#define _GNU_SOURCE

#include <string.h>

#include "symbols.h"

/* dlsym hands out object pointers; POSIX guarantees they convert to
 * function pointers, which ISO C does not, so they are copied bytewise. */
_Static_assert(sizeof(void *) == sizeof(sc_spawn_fn *), "function and object pointers differ in size");

#define SLOT(field) offsetof(struct sc_backend, field)

const struct sc_symbol sc_symbols[] = {
	{"posix_spawn", SLOT(spawn), 0},
	{"posix_spawnp", SLOT(spawnp), 0},
	{"posix_spawn_file_actions_init", SLOT(fa_init), 0},
	{"posix_spawn_file_actions_destroy", SLOT(fa_destroy), 0},
	{"posix_spawn_file_actions_addopen", SLOT(fa_addopen), 0},
	{"posix_spawn_file_actions_addclose", SLOT(fa_addclose), 0},
	{"posix_spawn_file_actions_adddup2", SLOT(fa_adddup2), 0},
	{"posix_spawnattr_init", SLOT(attr_init), 0},
	{"posix_spawnattr_destroy", SLOT(attr_destroy), 0},
	{"posix_spawnattr_setflags", SLOT(attr_setflags), 0},
	{"posix_spawnattr_getflags", SLOT(attr_getflags), 0},
	{"posix_spawnattr_setsigmask", SLOT(attr_setsigmask), 0},
	{"posix_spawnattr_getsigmask", SLOT(attr_getsigmask), 0},
	{"posix_spawnattr_setsigdefault", SLOT(attr_setsigdefault), 0},
	{"posix_spawnattr_getsigdefault", SLOT(attr_getsigdefault), 0},
	{"posix_spawnattr_setpgroup", SLOT(attr_setpgroup), 0},
	{"posix_spawnattr_getpgroup", SLOT(attr_getpgroup), 0},
	{"posix_spawn_file_actions_addchdir_np", SLOT(fa_addchdir), 1},
	{"posix_spawn_file_actions_addchdir", SLOT(fa_addchdir), 1},
	{"posix_spawn_file_actions_addfchdir_np", SLOT(fa_addfchdir), 1},
	{"posix_spawn_file_actions_addfchdir", SLOT(fa_addfchdir), 1},
	{"posix_spawn_file_actions_addclosefrom_np", SLOT(fa_addclosefrom), 1},
	{"vfork", SLOT(vfork), 1},
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
