/* Creation primitives for the scenarios (launch.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "launch.h"

/* The clone child's stack; scenarios launch one child at a time. */
static _Alignas(16) unsigned char clone_stack[64 * 1024];

/* The child runs in this frame, so the function stays tiny and never
 * returns in the child. gcc ignores returns_twice on a function pointer,
 * so nothing live across the call may sit in memory the child writes:
 * create, fn and arg are only read in the child. */
__attribute__((noinline)) static pid_t launch_call(pid_t (*create)(void), int (*fn)(void *), void *arg)
{
	pid_t pid = create();
	if (pid == 0)
		_exit(fn(arg));
	return pid < 0 ? -errno : pid;
}

pid_t sc_launch(const struct sc_backend *b, int (*fn)(void *), void *arg)
{
	switch (b->primitive) {
	case SC_PRIM_CALL:
		return launch_call(b->vfork, fn, arg);
	case SC_PRIM_CLONE: {
		pid_t pid = clone(fn, clone_stack + sizeof clone_stack, CLONE_VM | CLONE_VFORK | SIGCHLD, arg);
		return pid < 0 ? -errno : pid;
	}
	default:
		return -ENOSYS;
	}
}
