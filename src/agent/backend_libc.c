/* The libc the agent is linked with. */
#define _GNU_SOURCE

#include <unistd.h>

#include "backend.h"

void sc_backend_libc(struct sc_backend *b)
{
	*b = (struct sc_backend){
		.spawn = posix_spawn,
		.spawnp = posix_spawnp,
		.fa_init = posix_spawn_file_actions_init,
		.fa_destroy = posix_spawn_file_actions_destroy,
		.fa_addopen = posix_spawn_file_actions_addopen,
		.fa_addclose = posix_spawn_file_actions_addclose,
		.fa_adddup2 = posix_spawn_file_actions_adddup2,
		.attr_init = posix_spawnattr_init,
		.attr_destroy = posix_spawnattr_destroy,
		.attr_setflags = posix_spawnattr_setflags,
		.attr_getflags = posix_spawnattr_getflags,
		.attr_setsigmask = posix_spawnattr_setsigmask,
		.attr_getsigmask = posix_spawnattr_getsigmask,
		.attr_setsigdefault = posix_spawnattr_setsigdefault,
		.attr_getsigdefault = posix_spawnattr_getsigdefault,
		.attr_setpgroup = posix_spawnattr_setpgroup,
		.attr_getpgroup = posix_spawnattr_getpgroup,
		.primitive = SC_PRIM_CALL,
		.vfork = vfork,
	};
	sc_backend_libc_optional(b);
}
