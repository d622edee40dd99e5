#define _GNU_SOURCE
#include <errno.h>
#include <sys/resource.h>

#include "fa_op.h"

int sc__fd_valid(int fd)
{
	int saved = errno;
	struct rlimit rl;
	int ok = fd >= 0 && (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
	                     (rlim_t)fd < rl.rlim_cur);
	errno = saved;
	return ok;
}
