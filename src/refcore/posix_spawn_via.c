#define _GNU_SOURCE
#include <stddef.h>

#include "posix_box.h"
#include "spawncheck/refcore_posix.h"

int sc_posix_spawn_via(enum sc_launch how, int search, pid_t *pid, const char *path,
                       const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr,
                       char *const argv[], char *const envp[])
{
	return sc_spawn_via(how, search, pid, path, fa ? sc__fa_of(fa) : NULL, attr ? sc__attr_of(attr) : NULL,
	                    argv, envp);
}
