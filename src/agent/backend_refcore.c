/* refcore's child code under each creation primitive, through
 * refcore_posix.h so it takes the same <spawn.h> types as the libc. */
#define _GNU_SOURCE

#include <unistd.h>

#include "backend.h"
#include "spawncheck/refcore_posix.h"

#define VIA(name, how, search)                                                                  \
	static int name(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,     \
	                const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) \
	{                                                                                       \
		return sc_posix_spawn_via(how, search, pid, path, fa, attr, argv, envp);        \
	}
VIA(clone_spawn, SC_LAUNCH_CLONE, 0)
VIA(clone_spawnp, SC_LAUNCH_CLONE, 1)
VIA(vfork_spawn, SC_LAUNCH_VFORK, 0)
VIA(vfork_spawnp, SC_LAUNCH_VFORK, 1)
VIA(fork_spawn, SC_LAUNCH_FORK, 0)
VIA(fork_spawnp, SC_LAUNCH_FORK, 1)

void sc_backend_refcore(enum sc_backend_kind kind, struct sc_backend *b)
{
	*b = (struct sc_backend){
		.spawn = clone_spawn,
		.spawnp = clone_spawnp,
		.fa_init = sc_posix_file_actions_init,
		.fa_destroy = sc_posix_file_actions_destroy,
		.fa_addopen = sc_posix_file_actions_addopen,
		.fa_addclose = sc_posix_file_actions_addclose,
		.fa_adddup2 = sc_posix_file_actions_adddup2,
		.fa_addchdir = sc_posix_file_actions_addchdir,
		.fa_addfchdir = sc_posix_file_actions_addfchdir,
		.fa_addclosefrom = sc_posix_file_actions_addclosefrom,
		.attr_init = sc_posix_spawnattr_init,
		.attr_destroy = sc_posix_spawnattr_destroy,
		.attr_setflags = sc_posix_spawnattr_setflags,
		.attr_getflags = sc_posix_spawnattr_getflags,
		.attr_setsigmask = sc_posix_spawnattr_setsigmask,
		.attr_getsigmask = sc_posix_spawnattr_getsigmask,
		.attr_setsigdefault = sc_posix_spawnattr_setsigdefault,
		.attr_getsigdefault = sc_posix_spawnattr_getsigdefault,
		.attr_setpgroup = sc_posix_spawnattr_setpgroup,
		.attr_getpgroup = sc_posix_spawnattr_getpgroup,
		.primitive = SC_PRIM_CLONE,
	};
	if (kind == SC_BACKEND_VFORK_EXEC) {
		b->spawn = vfork_spawn;
		b->spawnp = vfork_spawnp;
		b->primitive = SC_PRIM_CALL;
		b->vfork = vfork;
	} else if (kind == SC_BACKEND_FORK_EXEC) {
		b->spawn = fork_spawn;
		b->spawnp = fork_spawnp;
		b->primitive = SC_PRIM_CALL;
		b->vfork = fork;
	}
}
