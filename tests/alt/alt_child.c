/* alt_child.c — everything the vfork child does, from its first
 * instruction to execve or _exit.
 *
 * It shares the caller's memory and runs on the caller's stack below
 * posix_spawn's frame, so: async-signal-safe calls only (signal-safety(7);
 * syscall(2) for close_range and the id changes, a plain trap), nothing
 * allocated, no stdio, no locks, no writes to the request (the caller
 * reads it after the child is gone), and no return: _exit(127) on every
 * failure, after the error has gone into the report pipe.
 *
 * The caller blocked every signal and disabled cancellation before the
 * vfork, so no handler of the caller's runs here and no cancellation
 * point acts on a pending pthread_cancel of the caller. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "alt.h"

/* 32-bit x86 and arm keep 16-bit ids in the plain calls. */
#ifdef SYS_setresuid32
#define ALT_SYS_setresuid SYS_setresuid32
#define ALT_SYS_setresgid SYS_setresgid32
#else
#define ALT_SYS_setresuid SYS_setresuid
#define ALT_SYS_setresgid SYS_setresgid
#endif

struct child {
	const struct alt_request *rq;
	int report; /* the write end of the report pipe where it is now, or -1 */
	int lazy;   /* no room above the named fds: move it whenever an action names it */
};

static _Noreturn void fail(const struct child *c, int err)
{
	if (c->report >= 0) {
		/* A signal the new mask let through must not end the child
		 * before the error is written. */
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		while (write(c->report, &err, sizeof err) < 0 && errno == EINTR)
			;
	}
	_exit(127);
}

/* Caught signals become default (the caller's handler would run in the
 * caller's memory), SETSIGDEF's too; ignored ones stay ignored. A signal
 * the libc keeps for itself refuses sigaction (glibc: 32 and 33). */
static int reset_signals(const struct alt_attr *a)
{
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	const int sigdef = a->flags & POSIX_SPAWN_SETSIGDEF;
	for (int sig = 1; sig < _NSIG; sig++) {
		struct sigaction cur;
		if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &cur) != 0)
			continue;
		if (cur.sa_handler == SIG_DFL)
			continue;
		const int caught = cur.sa_handler != SIG_IGN;
		if ((caught || (sigdef && sigismember(&a->def, sig) == 1)) && sigaction(sig, &dfl, NULL) != 0)
			return errno;
	}
	return 0;
}

/* Choice 2: setpgid before setsid. */
static int apply_attributes(const struct alt_attr *a)
{
	if ((a->flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, a->pgroup) != 0)
		return errno;
	if ((a->flags & POSIX_SPAWN_SETSID) && setsid() < 0)
		return errno;
	/* Raw calls: glibc's set*id signal every thread of the caller. The
	 * group first, while the effective uid may still change it. */
	if ((a->flags & POSIX_SPAWN_RESETIDS) &&
	    (syscall(ALT_SYS_setresgid, -1L, (long)getgid(), -1L) != 0 ||
	     syscall(ALT_SYS_setresuid, -1L, (long)getuid(), -1L) != 0))
		return errno;
	return 0;
}

static const struct alt_op *op_at(const struct alt_fa *fa, size_t at)
{
	return (const struct alt_op *)(const void *)(fa->buf + at);
}

/* Whether the action uses or replaces fd (addclosefrom steps around the
 * pipe instead). */
static int names(const struct alt_op *op, int fd)
{
	switch (op->kind) {
	case ALT_DUP2:
		return op->fd == fd || op->fd2 == fd;
	case ALT_CHDIR:
	case ALT_CLOSEFROM:
		return 0;
	default:
		return op->fd == fd;
	}
}

/* Choice 5: the pipe goes above the highest fd any action names (fds at
 * or above RLIMIT_NOFILE aside: no action can create them). When there is
 * no room there, it stays and moves only when an action names it. */
static void place_report(struct child *c)
{
	const struct alt_request *rq = c->rq;
	int hi = -1;
	for (size_t at = 0; at < rq->actions.used; at += op_at(&rq->actions, at)->size) {
		const struct alt_op *op = op_at(&rq->actions, at);
		if (op->kind == ALT_CHDIR || op->kind == ALT_CLOSEFROM)
			continue;
		if (op->fd < rq->nofile && op->fd > hi)
			hi = op->fd;
		if (op->kind == ALT_DUP2 && op->fd2 < rq->nofile && op->fd2 > hi)
			hi = op->fd2;
	}
	if (c->report < 0 || c->report > hi)
		return;
	const int to = fcntl(c->report, F_DUPFD_CLOEXEC, hi + 1);
	if (to < 0) {
		c->lazy = 1;
		return;
	}
	close(c->report);
	c->report = to;
}

/* The lazy move: to the lowest fd op does not name (an action names at
 * most two, so the third try is free). */
static int move_report_off(struct child *c, const struct alt_op *op)
{
	int to = -1;
	for (int from = 0; to < 0 || names(op, to); from = to + 1) {
		if (to >= 0)
			close(to);
		to = fcntl(c->report, F_DUPFD_CLOEXEC, from);
		if (to < 0)
			return errno;
	}
	close(c->report);
	c->report = to;
	return 0;
}

/* Choice 1: whatever oflag said, the target ends with FD_CLOEXEC clear. */
static int open_onto(const struct alt_op *op)
{
	/* POSIX.1-2024 addopen: an open fildes "shall be closed before the
	 * new file is opened". */
	close(op->fd);
	const int got = open(op->path, op->oflag, op->mode);
	if (got < 0)
		return errno;
	if (got != op->fd) {
		const int err = dup2(got, op->fd) < 0 ? errno : 0;
		close(got);
		if (err)
			return err;
	}
	return fcntl(op->fd, F_SETFD, 0) < 0 ? errno : 0;
}

/* adddup2(fd, fd): the one fd is inherited with FD_CLOEXEC clear; it must
 * be open, as dup2 would require (EBADF). */
static int clear_cloexec(int fd)
{
	const int flags = fcntl(fd, F_GETFD);
	if (flags < 0 || fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) < 0)
		return errno;
	return 0;
}

static void close_span(int lo, int hi, int nofile)
{
	if (lo > hi)
		return;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lo, (unsigned)hi, 0U) == 0)
		return;
#endif
	for (int fd = lo; fd <= hi && fd < nofile; fd++)
		close(fd);
}

/* addclosefrom: every fd >= from but the report pipe. */
static void close_from(const struct child *c, int from)
{
	const int top = 0x7fffffff, keep = c->report;
	if (keep >= from) {
		close_span(from, keep - 1, c->rq->nofile);
		close_span(keep + 1, top, c->rq->nofile);
	} else {
		close_span(from, top, c->rq->nofile);
	}
}

static int run_action(const struct child *c, const struct alt_op *op)
{
	switch (op->kind) {
	case ALT_OPEN:
		return open_onto(op);
	case ALT_CLOSE:
		/* Choice 4 (and 3 for fds past the limit): a close that fails
		 * is not an error. */
		close(op->fd);
		return 0;
	case ALT_DUP2:
		if (op->fd == op->fd2)
			return clear_cloexec(op->fd);
		return dup2(op->fd, op->fd2) < 0 ? errno : 0;
	case ALT_CHDIR:
		return chdir(op->path) != 0 ? errno : 0;
	case ALT_FCHDIR:
		return fchdir(op->fd) != 0 ? errno : 0;
	case ALT_CLOSEFROM:
		close_from(c, op->fd);
		return 0;
	}
	return EINVAL;
}

static int run_actions(struct child *c)
{
	const struct alt_fa *fa = &c->rq->actions;
	for (size_t at = 0; at < fa->used; at += op_at(fa, at)->size) {
		const struct alt_op *op = op_at(fa, at);
		int err = c->lazy && names(op, c->report) ? move_report_off(c, op) : 0;
		if (!err)
			err = run_action(c, op);
		if (err)
			return err;
	}
	return 0;
}

/* posix_spawnp's search, as execvp's: each PATH element in order, an
 * empty one meaning the working directory; EACCES is remembered, ENOENT
 * and ENOTDIR move on, anything else ends the search. Returns the error. */
static int search(const struct alt_request *rq)
{
	const char *file = rq->path;
	if (!*file)
		return ENOENT;
	const size_t flen = strlen(file);
	int eacces = 0, last = ENOENT;
	for (const char *dir = rq->search;;) {
		const char *end = dir;
		while (*end && *end != ':')
			end++;
		const size_t dlen = (size_t)(end - dir);
		char *w = rq->candidate;
		if (dlen) {
			memcpy(w, dir, dlen);
			w[dlen] = '/';
			w += dlen + 1;
		}
		memcpy(w, file, flen + 1);
		execve(rq->candidate, rq->argv, rq->envp);
		last = errno;
		if (last == EACCES)
			eacces = 1;
		else if (last != ENOENT && last != ENOTDIR)
			return last;
		if (!*end)
			break;
		dir = end + 1;
	}
	return eacces ? EACCES : last;
}

_Noreturn void alt_child(const struct alt_request *rq)
{
	struct child c = {rq, rq->report[1], 0};
	if (rq->report[0] >= 0)
		close(rq->report[0]);
	int err = reset_signals(&rq->attr);
	if (!err)
		err = apply_attributes(&rq->attr);
	if (!err) {
		place_report(&c);
		err = run_actions(&c);
	}
	if (!err) {
		const int own = rq->attr.flags & POSIX_SPAWN_SETSIGMASK;
		if (sigprocmask(SIG_SETMASK, own ? &rq->attr.mask : &rq->caller_mask, NULL) != 0) {
			err = errno;
		} else if (rq->search) {
			err = search(rq);
		} else {
			execve(rq->path, rq->argv, rq->envp);
			err = errno;
		}
	}
	fail(&c, err);
}
