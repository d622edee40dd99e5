/* posix_box.h — refcore's objects inside the libc's <spawn.h> types.
 *
 * posix_spawn_file_actions_t and posix_spawnattr_t are used as opaque boxes
 * holding a pointer to refcore's own object, allocated by init and freed by
 * destroy, so nothing depends on the libc's field layout. */
#ifndef SC_REFCORE_POSIX_BOX_H
#define SC_REFCORE_POSIX_BOX_H

#include <spawn.h>
#include <string.h>

#include "spawncheck/refcore.h"

_Static_assert(sizeof(posix_spawn_file_actions_t) >= sizeof(sc_file_actions *),
               "posix_spawn_file_actions_t cannot hold a pointer");
_Static_assert(sizeof(posix_spawnattr_t) >= sizeof(sc_spawnattr *),
               "posix_spawnattr_t cannot hold a pointer");

static inline sc_file_actions *sc__fa_of(const posix_spawn_file_actions_t *box)
{
	sc_file_actions *fa;
	memcpy(&fa, box, sizeof fa);
	return fa;
}

static inline sc_spawnattr *sc__attr_of(const posix_spawnattr_t *box)
{
	sc_spawnattr *attr;
	memcpy(&attr, box, sizeof attr);
	return attr;
}

#endif
