#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>

#include "fa_op.h"

int sc_file_actions_addclose(sc_file_actions *fa, int fd)
{
	if (!sc__fd_valid(fd))
		return EBADF;
	struct sc_fa_op op = {.cmd = SC_FA_CLOSE, .fd = fd, .srcfd = -1};
	return sc__fa_append(fa, &op, NULL);
}
