#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>

#include "child.h"
#include "clone3.h"
#include "stack_pool.h"

/* Set once clone3 with CLONE_CLEAR_SIGHAND has failed as unavailable:
 * ENOSYS (before Linux 5.3, qemu-user, seccomp filters such as container
 * defaults) or EINVAL (5.3 and 5.4 lack the flag). Nothing was created
 * then, so clone() is used instead, and clone3 is not tried again. */
static atomic_int no_clone3;

static int entry(void *c)
{
	sc__child(c);
}

static pid_t launch_clone3(struct sc_child *c, char *stack)
{
	struct sc_clone_args args = {
		.flags = CLONE_VM | CLONE_VFORK | SC_CLONE_CLEAR_SIGHAND,
		.exit_signal = SIGCHLD,
		.stack = (uint64_t)(uintptr_t)stack,
		.stack_size = SC_STACK_SIZE,
	};
	c->handlers_cleared = 1;
	long pid = sc__clone3(&args, sizeof args, entry, c);
	if (pid == -ENOSYS || pid == -EINVAL)
		atomic_store_explicit(&no_clone3, 1, memory_order_relaxed);
	return (pid_t)pid;
}

static pid_t launch_clone(struct sc_child *c, char *stack)
{
#ifdef __hppa__
	char *sp = stack; /* the one Linux arch whose stack grows up */
#else
	char *sp = stack + SC_STACK_SIZE;
#endif
	c->handlers_cleared = 0;
	pid_t pid = clone(entry, sp, CLONE_VM | CLONE_VFORK | SIGCHLD, c);
	return pid < 0 ? -errno : pid;
}

pid_t sc__launch_clone(struct sc_child *c)
{
	char *stack = sc__stack_take();
	if (!stack)
		return -errno;
	pid_t pid = -ENOSYS;
	if (!atomic_load_explicit(&no_clone3, memory_order_relaxed))
		pid = launch_clone3(c, stack);
	if (pid == -ENOSYS || pid == -EINVAL)
		pid = launch_clone(c, stack);
	/* CLONE_VFORK: the stack is free again once clone returns. */
	sc__stack_give(stack);
	return pid;
}
