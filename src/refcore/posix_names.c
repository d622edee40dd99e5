/* posix_names.c — the POSIX spawn API under its own names, over
 * refcore_posix.h, for the --impl contract of DESIGN.md
 * (libspawncheck_refcore_posix.so). */
#define _GNU_SOURCE
#include <spawn.h>

#include "spawncheck/refcore_posix.h"

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	return sc_posix_file_actions_init(fa);
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	return sc_posix_file_actions_destroy(fa);
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path, int oflag, mode_t mode)
{
	return sc_posix_file_actions_addopen(fa, fd, path, oflag, mode);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return sc_posix_file_actions_addclose(fa, fd);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	return sc_posix_file_actions_adddup2(fa, fd, newfd);
}

/* POSIX.1-2024 names and the older _np ones. */
int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *fa, const char *path)
{
	return sc_posix_file_actions_addchdir(fa, path);
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *fa, const char *path)
{
	return sc_posix_file_actions_addchdir(fa, path);
}

int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd)
{
	return sc_posix_file_actions_addfchdir(fa, fd);
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd)
{
	return sc_posix_file_actions_addfchdir(fa, fd);
}

int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *fa, int from)
{
	return sc_posix_file_actions_addclosefrom(fa, from);
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	return sc_posix_spawnattr_init(attr);
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	return sc_posix_spawnattr_destroy(attr);
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	return sc_posix_spawnattr_setflags(attr, flags);
}

int posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags)
{
	return sc_posix_spawnattr_getflags(attr, flags);
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *mask)
{
	return sc_posix_spawnattr_setsigmask(attr, mask);
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *mask)
{
	return sc_posix_spawnattr_getsigmask(attr, mask);
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *set)
{
	return sc_posix_spawnattr_setsigdefault(attr, set);
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *set)
{
	return sc_posix_spawnattr_getsigdefault(attr, set);
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	return sc_posix_spawnattr_setpgroup(attr, pgroup);
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup)
{
	return sc_posix_spawnattr_getpgroup(attr, pgroup);
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	return sc_posix_spawn_via(SC_LAUNCH_CLONE, 0, pid, path, fa, attr, argv, envp);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	return sc_posix_spawn_via(SC_LAUNCH_CLONE, 1, pid, file, fa, attr, argv, envp);
}
