#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include "child.h"
#include "sys.h"

/* A handler must never run in a child that shares the caller's memory, so
 * every caught signal goes back to SIG_DFL before the mask is lowered (exec
 * would reset it anyway). Ignored signals stay ignored unless SETSIGDEF names
 * them. Unless the kernel has done it already (cleared), the child reads its
 * own copy of the dispositions: reading them in the parent would race with
 * other threads' sigaction calls. */
static void reset_signals(const sc_spawnattr *a, int cleared)
{
	static const struct sc_ksigaction dfl; /* all zero: SIG_DFL, no flags, empty mask */
	int sigdef = a && (a->flags & POSIX_SPAWN_SETSIGDEF);
	if (cleared && !sigdef)
		return;
	for (int sig = 1; sig < _NSIG; sig++) {
		struct sc_ksigaction cur;
		int reset = sigdef && sigismember(&a->sigdefault, sig) == 1;
		if (!reset && !cleared && syscall(SYS_rt_sigaction, sig, NULL, &cur, SC_KSIGSET) == 0)
			reset = cur.handler != SIG_DFL && cur.handler != SIG_IGN;
		/* The kernel refuses SIGKILL and SIGSTOP, which are always default. */
		if (reset)
			syscall(SYS_rt_sigaction, sig, &dfl, NULL, SC_KSIGSET);
	}
}

/* POSIX: RESETIDS sets the effective ids to the real ones (group first,
 * while we may still be privileged). */
static int reset_ids(void)
{
	long gid = syscall(SC_SYS_getgid), uid = syscall(SC_SYS_getuid);
	if (syscall(SC_SYS_setresgid, -1L, gid, -1L) < 0 || syscall(SC_SYS_setresuid, -1L, uid, -1L) < 0)
		return errno;
	return 0;
}

/* Every signal is blocked, so EINTR cannot really happen; bounded anyway.
 * sizeof err < PIPE_BUF: the write is atomic. */
static void write_pipe(int wfd, int err)
{
	for (int tries = 0; tries < 8; tries++)
		if (syscall(SYS_write, wfd, &err, sizeof err) >= 0 || errno != EINTR)
			return;
}

_Noreturn void sc__child(struct sc_child *c)
{
	const sc_spawnattr *a = c->attr;
	short flags = a ? a->flags : 0;
	int wfd = c->wfd, err;

	c->ran = 1;
	if (c->rfd >= 0)
		syscall(SYS_close, c->rfd);
	reset_signals(a, c->handlers_cleared);
	if ((flags & POSIX_SPAWN_SETSID) && syscall(SYS_setsid) < 0)
		goto fail;
	if ((flags & POSIX_SPAWN_SETPGROUP) && syscall(SYS_setpgid, 0L, (long)a->pgroup) < 0)
		goto fail;
	if ((flags & POSIX_SPAWN_RESETIDS) && (err = reset_ids()) != 0)
		goto report;
	if (c->fa && (err = sc__child_actions(c->fa, &wfd)) != 0)
		goto report;
	const sigset_t *mask = (flags & POSIX_SPAWN_SETSIGMASK) ? &a->sigmask : &c->oldmask;
	if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, NULL, SC_KSIGSET) < 0)
		goto fail;
	err = sc__child_exec(c);
	goto report;
fail:
	err = errno;
report:
	if (wfd < 0)
		c->err = err;
	else
		write_pipe(wfd, err);
	_exit(127);
}
