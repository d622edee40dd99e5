#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>

#include "fa_op.h"

int sc_file_actions_addclosefrom(sc_file_actions *fa, int from)
{
	if (!sc__fd_valid(from))
		return EBADF;
	struct sc_fa_op op = {.cmd = SC_FA_CLOSEFROM, .fd = from, .srcfd = -1};
	return sc__fa_append(fa, &op, NULL);
}
