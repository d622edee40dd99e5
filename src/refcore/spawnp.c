#define _GNU_SOURCE
#include "spawncheck/refcore.h"

int sc_spawnp(pid_t *pid, const char *file, const sc_file_actions *fa,
              const sc_spawnattr *attr, char *const argv[], char *const envp[])
{
	return sc_spawn_via(SC_LAUNCH_CLONE, 1, pid, file, fa, attr, argv, envp);
}
