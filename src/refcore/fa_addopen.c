#define _GNU_SOURCE
#include <errno.h>

#include "fa_op.h"

int sc_file_actions_addopen(sc_file_actions *fa, int fd, const char *path, int oflag, mode_t mode)
{
	if (!sc__fd_valid(fd))
		return EBADF;
	struct sc_fa_op op = {.cmd = SC_FA_OPEN, .fd = fd, .srcfd = -1, .oflag = oflag, .mode = mode};
	return sc__fa_append(fa, &op, path);
}
