#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>

#include "child.h"
#include "stack_pool.h"

static int entry(void *c)
{
	sc__child(c);
}

pid_t sc__launch_clone(struct sc_child *c)
{
	char *stack = sc__stack_take();
	if (!stack)
		return -errno;
#ifdef __hppa__
	char *sp = stack; /* the one Linux arch whose stack grows up */
#else
	char *sp = stack + SC_STACK_SIZE;
#endif
	/* CLONE_VFORK: the stack is free again once clone returns. */
	pid_t pid = clone(entry, sp, CLONE_VM | CLONE_VFORK | SIGCHLD, c);
	int err = errno;
	sc__stack_give(stack);
	return pid < 0 ? -err : pid;
}
