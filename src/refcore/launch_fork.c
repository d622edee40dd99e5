#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>

#include "child.h"

pid_t sc__launch_fork(struct sc_child *c)
{
	pid_t pid = fork();
	if (pid == 0)
		sc__child(c);
	return pid < 0 ? -errno : pid;
}
