#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

#include "posix_box.h"
#include "spawncheck/refcore_posix.h"

int sc_posix_file_actions_init(posix_spawn_file_actions_t *box)
{
	int saved = errno; /* malloc may set it */
	sc_file_actions *fa = malloc(sizeof *fa);
	errno = saved;
	if (!fa)
		return ENOMEM;
	sc_file_actions_init(fa);
	memcpy(box, &fa, sizeof fa);
	return 0;
}

int sc_posix_file_actions_destroy(posix_spawn_file_actions_t *box)
{
	sc_file_actions *fa = sc__fa_of(box);
	sc_file_actions_destroy(fa);
	free(fa);
	return 0;
}

int sc_posix_file_actions_addopen(posix_spawn_file_actions_t *box, int fd, const char *path, int oflag, mode_t mode)
{
	return sc_file_actions_addopen(sc__fa_of(box), fd, path, oflag, mode);
}

int sc_posix_file_actions_addclose(posix_spawn_file_actions_t *box, int fd)
{
	return sc_file_actions_addclose(sc__fa_of(box), fd);
}

int sc_posix_file_actions_adddup2(posix_spawn_file_actions_t *box, int fd, int newfd)
{
	return sc_file_actions_adddup2(sc__fa_of(box), fd, newfd);
}

int sc_posix_file_actions_addchdir(posix_spawn_file_actions_t *box, const char *path)
{
	return sc_file_actions_addchdir(sc__fa_of(box), path);
}

int sc_posix_file_actions_addfchdir(posix_spawn_file_actions_t *box, int fd)
{
	return sc_file_actions_addfchdir(sc__fa_of(box), fd);
}

int sc_posix_file_actions_addclosefrom(posix_spawn_file_actions_t *box, int from)
{
	return sc_file_actions_addclosefrom(sc__fa_of(box), from);
}
