/* Observation of the spawning environment (environment.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"
#include "environment.h"
#include "names.h"

static int subreaper_error;
static volatile sig_atomic_t child_stored;

void sc_environment_subreaper(int error) { subreaper_error = error; }

static int store(void *unused)
{
	(void)unused;
	child_stored = 1;
	return 0;
}

/* 1 when a clone(CLONE_VM|CLONE_VFORK) child's store is seen by the
 * parent, 0 when not (the clone was a fork), -errno when the clone failed.
 * The child runs on a stack of its own (the top of the array: every
 * architecture built here grows its stack downwards), so nothing of the
 * caller's frame is shared but the flag. */
static int vm_shared(void)
{
	static _Alignas(16) char stack[64 * 1024];
	child_stored = 0;
	pid_t pid = clone(store, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	if (pid < 0)
		return -errno;
	int status;
	int rc = sc_wait_or_kill(pid, &status, sc_now_ns() + 5 * INT64_C(1000000000));
	if (rc < 0)
		return rc;
	return child_stored;
}

/* 0 when the kernel has clone3 (a NULL argument is EFAULT or EINVAL), else
 * the errno (ENOSYS under emulators that lack it). */
static int clone3_error(void)
{
#ifdef SYS_clone3
	if (syscall(SYS_clone3, NULL, (size_t)0) == 0)
		return 0; /* cannot happen: size 0 is never valid */
	return errno == ENOSYS ? ENOSYS : 0;
#else
	return ENOSYS;
#endif
}

static const char *outcome(int error, char buf[SC_NAME_MAX]) { return error == 0 ? "ok" : sc_errno_name(error, buf); }

void sc_environment_reply(struct sc_text *reply)
{
	char a[SC_NAME_MAX], b[SC_NAME_MAX];
	int shared = vm_shared();
	if (shared < 0)
		sc_text_printf(reply, "vm-shared %s\n", sc_errno_name(-shared, a));
	else
		sc_text_printf(reply, "vm-shared %d\n", shared);
	sc_text_printf(reply, "clone3 %s\nsubreaper %s\n", outcome(clone3_error(), a), outcome(subreaper_error, b));
}
