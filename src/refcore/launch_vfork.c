#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>

#include "child.h"

/* sc__child never returns, so the child never leaves this frame. */
pid_t sc__launch_vfork(struct sc_child *c)
{
	pid_t pid = vfork();
	if (pid == 0)
		sc__child(c);
	return pid < 0 ? -errno : pid;
}
