#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>

#include "fa_op.h"

int sc_file_actions_adddup2(sc_file_actions *fa, int fd, int newfd)
{
	if (!sc__fd_valid(fd) || !sc__fd_valid(newfd))
		return EBADF;
	struct sc_fa_op op = {.cmd = SC_FA_DUP2, .fd = newfd, .srcfd = fd};
	return sc__fa_append(fa, &op, NULL);
}
