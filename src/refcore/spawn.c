#define _GNU_SOURCE
#include "spawncheck/refcore.h"

int sc_spawn(pid_t *pid, const char *path, const sc_file_actions *fa,
             const sc_spawnattr *attr, char *const argv[], char *const envp[])
{
	return sc_spawn_via(SC_LAUNCH_CLONE, 0, pid, path, fa, attr, argv, envp);
}
