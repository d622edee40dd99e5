#define _GNU_SOURCE
#include "fa_op.h"

int sc_file_actions_addchdir(sc_file_actions *fa, const char *path)
{
	struct sc_fa_op op = {.cmd = SC_FA_CHDIR, .fd = -1, .srcfd = -1};
	return sc__fa_append(fa, &op, path);
}
