/* broken_spawn.c — a naive posix_spawn for the --impl contract, correct
 * unless built with a bug (broken.h) or loaded as a mutant (mutants.def).
 * Each bug and each mutant is one deviation in the otherwise shared code,
 * so a check that catches a library catches exactly that deviation.
 *
 * The naive design: file actions in a growable array pointed to from
 * inside the libc's posix_spawn_file_actions_t, attributes likewise, the
 * child made with vfork, exec errors returned through a close-on-exec pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "broken.h"
#include "mutants.h"

#ifndef SC_BUG
#error "build with -DSC_BUG=SC_BUG_<ID>"
#endif

#ifdef SC_MUTANT_BUILD
/* One library for every mutant: which one it is, and the bug a step mutant
 * is, come from its file name when it is loaded (pick_mutant). */
static int bug = SC_BUG;
static struct sc_mutant mutant;
#else
static const int bug = SC_BUG;
static const struct sc_mutant mutant; /* SC_MUTANT_NONE */
#endif

static int arg_mutant(enum sc_op op, enum sc_how how)
{
	return mutant.kind == SC_MUTANT_ARG && mutant.target == op && mutant.how == how;
}

static int action_mutant(enum sc_op op, enum sc_action_how how)
{
	return mutant.kind == SC_MUTANT_ACTION && mutant.target == op && mutant.how == how;
}

static int flag_mutant(unsigned bit, enum sc_flag_how how)
{
	return mutant.kind == SC_MUTANT_FLAG && mutant.target == bit && mutant.how == how;
}

static int value_mutant(enum sc_value v, enum sc_how how)
{
	return mutant.kind == SC_MUTANT_VALUE && mutant.target == v && mutant.how == how;
}

static int step(enum sc_step s)
{
	return mutant.kind == SC_MUTANT_STEP && mutant.target == s;
}

/* The native values of the SC_OFLAG and SC_ATTRFLAG bits a mutant names. */
static const int oflag_native[] = {
#define SC_OFLAG(NAME, role) NAME,
#include "spawn_ops.def"
};

static const short attrflag_native[] = {
#define SC_ATTRFLAG(NAME, short) NAME,
#include "spawn_ops.def"
};

extern char **environ;

struct act {
	enum sc_op kind;
	int fd;    /* open/dup2 target, close, fchdir, closefrom's lowest */
	int srcfd; /* dup2 source, -1 otherwise */
	int oflag;
	mode_t mode;
	char *path;
};

struct acts {
	size_t n, cap;
	struct act *v;
};

struct attr {
	short flags;
	pid_t pgroup;
	sigset_t mask, def;
};

/* ---- the boxes: a pointer stored in the libc's opaque object ---- */

static struct acts *acts_of(const posix_spawn_file_actions_t *fa)
{
	struct acts *a;
	memcpy(&a, fa, sizeof a);
	return a;
}

static struct attr *attr_of(const posix_spawnattr_t *at)
{
	struct attr *a;
	memcpy(&a, at, sizeof a);
	return a;
}

/* ---- file actions ---- */

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	struct acts *a = calloc(1, sizeof *a);
	if (!a)
		return ENOMEM;
	memcpy(fa, &a, sizeof a);
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	struct acts *a = acts_of(fa);
	for (size_t i = 0; i < a->n && bug != SC_BUG_PATH_NOT_COPIED; i++)
		free(a->v[i].path);
	free(a->v);
	free(a);
	return 0;
}

static int in_range(int fd, int unchecked, int unbounded)
{
	int limit = getdtablesize() - (bug == SC_BUG_FD_LIMIT_OFF_BY_ONE);
	return (fd >= 0 || bug == SC_BUG_NEGATIVE_FD_ACCEPTED || unchecked) &&
	       (fd < limit || unbounded || bug == SC_BUG_FD_LIMIT_IGNORED);
}

/* SC_BUG_FD_LIMIT_IGNORED: an action naming an fd at or above the limit is
 * accepted and then dropped. */
static int dropped(int fd)
{
	return bug == SC_BUG_FD_LIMIT_IGNORED && fd >= getdtablesize();
}
static int fd_ok(enum sc_op op, int fd)
{
	return in_range(fd, arg_mutant(op, SC_HOW_fd_UNCHECKED), arg_mutant(op, SC_HOW_fd_UNBOUNDED));
}

static int newfd_ok(enum sc_op op, int fd)
{
	return in_range(fd, arg_mutant(op, SC_HOW_newfd_UNCHECKED), arg_mutant(op, SC_HOW_newfd_UNBOUNDED));
}

/* The argument mutants that change what an action stores. */
static void mutate_stored(struct act *a)
{
	int *fd = a->kind == SC_OP_ADDDUP2 ? &a->srcfd : &a->fd; /* "fd newfd" */
	if (arg_mutant(a->kind, SC_HOW_fd_ZERO))
		*fd = 0;
	if (arg_mutant(a->kind, SC_HOW_fd_OFF_BY_ONE))
		*fd += 1;
	if (a->kind == SC_OP_ADDDUP2 && arg_mutant(a->kind, SC_HOW_fd_IGNORED))
		a->srcfd = a->fd; /* newfd onto itself */
	if (a->kind == SC_OP_ADDCLOSEFROM && arg_mutant(a->kind, SC_HOW_fd_IGNORED))
		a->fd = 3; /* everything but stdio */
	if (arg_mutant(a->kind, SC_HOW_newfd_ZERO))
		a->fd = 0;
	if (arg_mutant(a->kind, SC_HOW_newfd_OFF_BY_ONE))
		a->fd += 1;
	if (arg_mutant(a->kind, SC_HOW_oflags_ZERO))
		a->oflag = 0;
	if (arg_mutant(a->kind, SC_HOW_oflags_RDONLY))
		a->oflag &= ~O_ACCMODE;
	if (arg_mutant(a->kind, SC_HOW_oflags_RDWR))
		a->oflag = (a->oflag & ~O_ACCMODE) | O_RDWR;
	if (arg_mutant(a->kind, SC_HOW_oflags_DROP))
		a->oflag &= ~oflag_native[mutant.oflag];
	if (arg_mutant(a->kind, SC_HOW_mode_ZERO))
		a->mode = 0;
	if (arg_mutant(a->kind, SC_HOW_mode_DEFAULT))
		a->mode = 0666;
	if (arg_mutant(a->kind, SC_HOW_mode_FULL))
		a->mode = 0777;
}

static int add(posix_spawn_file_actions_t *fa, struct act act, const char *path)
{
	struct acts *a = acts_of(fa);
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 8;
		struct act *v = realloc(a->v, cap * sizeof *v);
		if (!v)
			return ENOMEM;
		a->v = v;
		a->cap = cap;
	}
	mutate_stored(&act);
	if (path && arg_mutant(act.kind, SC_HOW_path_EMPTY))
		path = "";
	if (bug == SC_BUG_PATH_NOT_COPIED)
		memcpy(&act.path, &path, sizeof path); /* the caller's string, kept */
	else if (path && !(act.path = strdup(path)))
		return ENOMEM;
	a->v[a->n++] = act;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path,
                                     int oflag, mode_t mode)
{
	if (!fd_ok(SC_OP_ADDOPEN, fd))
		return EBADF;
	if (bug == SC_BUG_OFLAG_TRUNCATED)
		oflag = (unsigned char)oflag;
	if (dropped(fd))
		return 0;
	return add(fa, (struct act){SC_OP_ADDOPEN, fd, -1, oflag, mode, NULL}, path);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	if (!fd_ok(SC_OP_ADDCLOSE, fd))
		return EBADF;
	return add(fa, (struct act){SC_OP_ADDCLOSE, fd, -1, 0, 0, NULL}, NULL);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	if (!fd_ok(SC_OP_ADDDUP2, fd) || !newfd_ok(SC_OP_ADDDUP2, newfd))
		return EBADF;
	if (dropped(fd) || dropped(newfd))
		return 0;
	return add(fa, (struct act){SC_OP_ADDDUP2, newfd, fd, 0, 0, NULL}, NULL);
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *fa, const char *path)
{
	return add(fa, (struct act){SC_OP_ADDCHDIR, -1, -1, 0, 0, NULL}, path);
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd)
{
	if (!fd_ok(SC_OP_ADDFCHDIR, fd))
		return EBADF;
	return add(fa, (struct act){SC_OP_ADDFCHDIR, fd, -1, 0, 0, NULL}, NULL);
}

int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *fa, int from)
{
	if (!fd_ok(SC_OP_ADDCLOSEFROM, from))
		return EBADF;
	return add(fa, (struct act){SC_OP_ADDCLOSEFROM, from, -1, 0, 0, NULL}, NULL);
}

int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *fa, const char *path)
{
	return posix_spawn_file_actions_addchdir_np(fa, path);
}

int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd)
{
	return posix_spawn_file_actions_addfchdir_np(fa, fd);
}

/* ---- attributes ---- */

int posix_spawnattr_init(posix_spawnattr_t *at)
{
	struct attr *a = calloc(1, sizeof *a);
	if (!a)
		return ENOMEM;
	sigemptyset(&a->mask);
	sigemptyset(&a->def);
	if (bug == SC_BUG_INIT_DEFAULTS_WRONG)
		sigfillset(&a->def);
	memcpy(at, &a, sizeof a);
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *at)
{
	free(attr_of(at));
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *at, short flags)
{
	const int known = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	                  POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID;
	if ((flags & ~known) && bug != SC_BUG_SETFLAGS_ACCEPTS_UNKNOWN)
		return EINVAL;
	attr_of(at)->flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *at, short *flags)
{
	*flags = attr_of(at)->flags;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *at, const sigset_t *mask)
{
	if (bug == SC_BUG_SIGMASK_REJECTS_UNBLOCKABLE &&
	    (sigismember(mask, SIGKILL) == 1 || sigismember(mask, SIGSTOP) == 1))
		return EINVAL;
	attr_of(at)->mask = *mask;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *at, sigset_t *mask)
{
	*mask = attr_of(at)->mask;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *at, const sigset_t *def)
{
	attr_of(at)->def = *def;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *at, sigset_t *def)
{
	*def = bug == SC_BUG_GETTERS_BROKEN ? attr_of(at)->mask : attr_of(at)->def;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *at, pid_t pgroup)
{
	attr_of(at)->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *at, pid_t *pgroup)
{
	*pgroup = attr_of(at)->pgroup;
	return 0;
}

/* ---- the child (async-signal-safe only) ---- */

struct job {
	const char *path;
	const char *search; /* PATH to walk, NULL for none */
	const struct acts *acts;
	const struct attr *attr;
	char *const *argv;
	char *const *envp;
	sigset_t oldmask;
	int rfd, wfd;
};

/* The flags as the child applies them: the attribute's, less an ignored
 * one, plus an always-applied one. */
static short flags_of(const struct attr *a)
{
	int flags = a ? a->flags : 0;
	for (unsigned b = 0; b < SC_ATTRFLAG_COUNT; b++) {
		if (flag_mutant(b, SC_FLAG_HOW_IGNORED))
			flags &= ~attrflag_native[b];
		if (a && flag_mutant(b, SC_FLAG_HOW_ALWAYS))
			flags |= attrflag_native[b];
	}
	return (short)flags;
}

/* A signal set attribute as the child uses it. */
static sigset_t value_set(enum sc_value v, const sigset_t *set, const sigset_t *other)
{
	sigset_t s = *set;
	if (value_mutant(v, SC_HOW_sigset_EMPTY))
		sigemptyset(&s);
	if (value_mutant(v, SC_HOW_sigset_FULL))
		sigfillset(&s);
	if (value_mutant(v, SC_HOW_sigset_OTHER))
		s = *other;
	return s;
}

static void reset_signals(const struct attr *a, short flags)
{
	int sigdef = (flags & POSIX_SPAWN_SETSIGDEF) && bug != SC_BUG_SIGDEF_IGNORED;
	sigset_t def;
	if (sigdef)
		def = value_set(SC_VALUE_SIGDEFAULT, &a->def, &a->mask);
	for (int sig = 1; sig < _NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) != 0)
			continue; /* libc-internal signals */
		if ((sigdef && sigismember(&def, sig) == 1) ||
		    (sa.sa_handler != SIG_DFL && (sa.sa_handler != SIG_IGN ? bug != SC_BUG_HANDLERS_NOT_RESET
		                                                           : bug == SC_BUG_SIGIGN_RESET))) {
			sa.sa_handler = SIG_DFL;
			sa.sa_flags = 0;
			sigaction(sig, &sa, NULL);
		}
	}
}

static int named(const struct acts *acts, int fd)
{
	for (size_t i = 0; i < acts->n; i++)
		if (acts->v[i].kind != SC_OP_ADDCLOSEFROM && (acts->v[i].fd == fd || acts->v[i].srcfd == fd))
			return 1;
	return 0;
}

/* Keeps the error pipe above every fd an action names, so no action can
 * clobber it or find it in the way; closefrom steps around it instead. With
 * no room above (an action names RLIMIT_NOFILE-1, or the caller holds every
 * fd above), any fd no action names will do. */
static int move_pipe(const struct acts *acts, int *wfd)
{
	int hi = -1;
	for (size_t i = 0; i < acts->n; i++) {
		/* The closefrom bug counts its fd too, so that it closes the pipe. */
		if (acts->v[i].kind == SC_OP_ADDCLOSEFROM && bug != SC_BUG_CLOSEFROM_CLOSES_PIPE)
			continue;
		if (acts->v[i].fd > hi)
			hi = acts->v[i].fd;
		if (acts->v[i].srcfd > hi)
			hi = acts->v[i].srcfd;
	}
	if (*wfd > hi || bug == SC_BUG_DUP2_LOW_FD_CLOBBERS_PIPE)
		return 0;
	int cmd = bug == SC_BUG_FD_LEAK || bug == SC_BUG_MOVED_PIPE_LEAKS ? F_DUPFD : F_DUPFD_CLOEXEC;
	int fd = hi + 1 < getdtablesize() ? fcntl(*wfd, cmd, hi + 1) : -1;
	if (fd < 0 && !named(acts, *wfd))
		return 0;
	for (int from = 0; fd < 0 || named(acts, fd); from = fd + 1) {
		if (fd >= 0)
			close(fd);
		if ((fd = fcntl(*wfd, cmd, from)) < 0)
			return errno;
	}
	close(*wfd);
	*wfd = fd;
	return 0;
}

/* The reopen bug: /proc/self/fd/<src> opened afresh, a new open file
 * description (offset 0) instead of a shared one. */
static int reopen_to(int src, int dst)
{
	char proc[32] = "/proc/self/fd/", digits[12];
	size_t n = 0, len = strlen(proc);
	for (unsigned v = (unsigned)src; n == 0 || v; v /= 10)
		digits[n++] = (char)('0' + v % 10);
	while (n)
		proc[len++] = digits[--n];
	proc[len] = '\0';
	int fl = fcntl(src, F_GETFL);
	int fd = fl < 0 ? -1 : open(proc, fl & (O_ACCMODE | O_APPEND | O_NONBLOCK));
	if (fd < 0)
		return errno;
	if (fd != dst && dup2(fd, dst) < 0)
		return errno;
	if (fd != dst)
		close(fd);
	return 0;
}

static int dup_to(int src, int dst)
{
	if (bug == SC_BUG_DUP2_REOPENS)
		return reopen_to(src, dst);
	if (dup2(src, dst) < 0)
		return errno;
	if (bug == SC_BUG_DUP2_CLEARS_SOURCE_CLOEXEC)
		fcntl(src, F_SETFD, 0);
	return 0;
}

/* The path an action opens or changes into: its own, or as the path-shared
 * (one buffer for all: the last added) or path-previous (a stale buffer:
 * the one added before it) mutant has it. */
static const char *path_of(const struct acts *acts, const struct act *a)
{
	const char *last = a->path;
	for (size_t i = 0; arg_mutant(a->kind, SC_HOW_path_SHARED) && i < acts->n; i++)
		if (acts->v[i].path)
			last = acts->v[i].path;
	for (size_t i = 0; arg_mutant(a->kind, SC_HOW_path_PREVIOUS) && &acts->v[i] != a; i++)
		if (acts->v[i].path)
			last = acts->v[i].path;
	return last;
}

static int act(const struct acts *acts, const struct act *a, int wfd)
{
	int fd, landed;
	switch (a->kind) {
	case SC_OP_ADDOPEN:
		if (arg_mutant(a->kind, SC_HOW_path_IGNORED))
			return 0;
		landed = arg_mutant(a->kind, SC_HOW_fd_IGNORED); /* where open(2) puts it */
		/* As glibc: a free target is where open lands, with its flags. */
		if (bug == SC_BUG_ADDOPEN_IGNORED && fcntl(a->fd, F_GETFD) >= 0)
			return 0; /* the fd is taken: kept as it is */
		if (!landed)
			close(a->fd);
		fd = open(path_of(acts, a), a->oflag, a->mode);
		if (fd < 0)
			return errno;
		if (bug == SC_BUG_CREAT_MODE_IGNORES_UMASK && (a->oflag & O_CREAT))
			fchmod(fd, a->mode);
		if (fd != a->fd && !landed) {
			int keep = bug == SC_BUG_CLOEXEC_KEPT_AFTER_DUP2 ? a->oflag & O_CLOEXEC : 0;
			if (dup3(fd, a->fd, keep) < 0)
				return errno;
			close(fd);
		}
		return 0;
	case SC_OP_ADDCLOSE:
		if (arg_mutant(a->kind, SC_HOW_fd_IGNORED))
			return 0;
		if (close(a->fd) < 0 && bug == SC_BUG_CLOSE_ERROR_REPORTED)
			return errno;
		return 0; /* not open: no error, as glibc */
	case SC_OP_ADDDUP2:
		if (arg_mutant(a->kind, SC_HOW_newfd_IGNORED))
			return fcntl(a->srcfd, F_DUPFD, 0) < 0 ? errno : 0; /* the lowest free fd */
		if (a->srcfd != a->fd)
			return dup_to(a->srcfd, a->fd);
		if (bug != SC_BUG_DUP2_CLOEXEC) {
			int fl = fcntl(a->fd, F_GETFD);
			if (fl < 0 && bug == SC_BUG_DUP2_SAME_FD_UNCHECKED)
				return 0;
			if (fl < 0 || fcntl(a->fd, F_SETFD, fl & ~FD_CLOEXEC) < 0)
				return errno;
		}
		return 0;
	case SC_OP_ADDCHDIR:
		if (bug == SC_BUG_CWD_LEAK || arg_mutant(a->kind, SC_HOW_path_IGNORED))
			return 0; /* done by the caller already, or not at all */
		return chdir(path_of(acts, a)) < 0 ? errno : 0;
	case SC_OP_ADDFCHDIR:
		if (bug == SC_BUG_FCHDIR_IGNORED || arg_mutant(a->kind, SC_HOW_fd_IGNORED))
			return 0;
		return fchdir(a->fd) < 0 ? errno : 0;
	case SC_OP_ADDCLOSEFROM:
		if (wfd >= a->fd && bug != SC_BUG_CLOSEFROM_CLOSES_PIPE) {
			if (wfd > a->fd && syscall(SYS_close_range, (unsigned)a->fd, (unsigned)wfd - 1, 0U) < 0)
				return errno;
			return syscall(SYS_close_range, (unsigned)wfd + 1, ~0U, 0U) < 0 ? errno : 0;
		}
		return syscall(SYS_close_range, (unsigned)a->fd, ~0U, 0U) < 0 ? errno : 0;
	case SC_OP_COUNT:
		break;
	}
	return EINVAL;
}

static int apply_actions(const struct acts *acts, int *wfd)
{
	int err = move_pipe(acts, wfd);
	size_t first = step(SC_STEP_ONLY_LAST_ACTION) && acts->n ? acts->n - 1 : 0;
	size_t end = step(SC_STEP_ONLY_FIRST_ACTION) && acts->n ? 1 : acts->n;
	for (int round = 0; round < 1 + step(SC_STEP_ACTIONS_TWICE); round++)
		for (size_t i = first; i < end && !err; i++) {
			const struct act *a = &acts->v[bug == SC_BUG_ORDER ? acts->n - 1 - i : i];
			err = act(acts, a, *wfd);
			if (bug == SC_BUG_ACTION_ERRORS_IGNORED && a->kind != SC_OP_ADDOPEN)
				err = 0;
			if (action_mutant(a->kind, SC_ACTION_HOW_ERRORS_IGNORED))
				err = 0;
		}
	return err;
}

/* execvp without the shell fallback: EACCES remembered, ENOENT and
 * ENOTDIR skipped, anything else final. */
static int exec_search(const struct job *j)
{
	if (!j->search) {
		execve(j->path, j->argv, j->envp);
		return errno;
	}
	if (!*j->path)
		return ENOENT;
	size_t n = strlen(j->path);
	int eacces = 0;
	const char *dir = j->search;
	for (;;) {
		size_t len = strcspn(dir, ":");
		char buf[PATH_MAX];
		size_t cap = bug == SC_BUG_PATH_BUFFER_SMALL ? 256 : sizeof buf;
		if ((len || bug != SC_BUG_EMPTY_PATH_ELEMENT_SKIPPED) && len + n + 2 <= cap) {
			memcpy(buf, dir, len);
			buf[len] = '/';
			memcpy(buf + len + (len > 0), j->path, n + 1);
			execve(buf, j->argv, j->envp);
			if (errno == EACCES && bug == SC_BUG_EACCES_STOPS_SEARCH)
				return errno;
			if (errno == EACCES)
				eacces = 1;
			else if (errno != ENOENT && (errno != ENOTDIR || bug == SC_BUG_ENOTDIR_STOPS_SEARCH))
				return errno;
		}
		if (!dir[len])
			return eacces && bug != SC_BUG_EACCES_NOT_REMEMBERED ? EACCES : ENOENT;
		dir += len + 1;
	}
}

static int set_pgroup(const struct attr *a, short flags)
{
	if (!(flags & POSIX_SPAWN_SETPGROUP) || bug == SC_BUG_PGROUP_IGNORED)
		return 0;
	pid_t pgroup = a->pgroup;
	if (value_mutant(SC_VALUE_PGROUP, SC_HOW_pid_ZERO))
		pgroup = 0;
	if (value_mutant(SC_VALUE_PGROUP, SC_HOW_pid_OFF_BY_ONE))
		pgroup += 1;
	return setpgid(0, pgroup) < 0 && bug != SC_BUG_PGROUP_ERROR_IGNORED ? errno : 0;
}

static _Noreturn void run_child(struct job *j)
{
	const struct attr *a = j->attr;
	short flags = flags_of(a);
	int wfd = j->wfd, err = 0;

	if (!step(SC_STEP_READ_END_KEPT))
		close(j->rfd);
	if (bug == SC_BUG_CLOEXEC_RACE)
		fcntl(wfd, F_SETFD, FD_CLOEXEC);
	reset_signals(a, flags);
	if (step(SC_STEP_SETPGID_FIRST))
		err = set_pgroup(a, flags);
	if (!err && (flags & POSIX_SPAWN_SETSID) && bug != SC_BUG_SETSID_IGNORED && setsid() < 0)
		err = errno;
	if (!err && !step(SC_STEP_SETPGID_FIRST))
		err = set_pgroup(a, flags);
	/* Raw calls: glibc's seteuid would signal every thread of the caller. */
	if (!err && (flags & POSIX_SPAWN_RESETIDS) && bug != SC_BUG_RESETIDS_IGNORED &&
	    ((!step(SC_STEP_RESETIDS_UID_ONLY) && syscall(SYS_setresgid, -1L, (long)getgid(), -1L) < 0) ||
	     syscall(SYS_setresuid, -1L, (long)getuid(), -1L) < 0))
		err = errno;
	if (bug == SC_BUG_STD_FDS_FILLED)
		for (int fd = 0; fd < 3; fd++)
			if (fcntl(fd, F_GETFD) < 0)
				open("/dev/null", O_RDWR); /* the lowest free fd: this one */
	if (!err && j->acts)
		err = apply_actions(j->acts, &wfd);
	if (bug == SC_BUG_OFFSET_RESET)
		for (int fd = 0; fd < 64; fd++)
			if (fd != wfd)
				lseek(fd, 0, SEEK_SET);
	if (!err) {
		int own = (flags & POSIX_SPAWN_SETSIGMASK) && bug != SC_BUG_SIGMASK_IGNORED;
		sigset_t mask = own ? value_set(SC_VALUE_SIGMASK, &a->mask, &a->def) : j->oldmask;
		if (own || !step(SC_STEP_CHILD_MASK_KEPT))
			sigprocmask(SIG_SETMASK, &mask, NULL);
		err = exec_search(j);
		if (bug == SC_BUG_ERRORS_AS_ENOENT)
			err = ENOENT;
	}
	if (err == ENOEXEC && bug == SC_BUG_SHELL_FALLBACK) {
		static char sh[] = "sh";
		char *script;
		memcpy(&script, &j->path, sizeof script); /* execve's argv is char *const[] */
		char *const sh_argv[] = {sh, script, NULL};
		execve("/bin/sh", sh_argv, j->envp);
		err = errno;
	}
	if (bug != SC_BUG_EXEC_SUCCESS)
		while (write(wfd, &err, sizeof err) < 0 && errno == EINTR)
			;
	if (bug == SC_BUG_EXIT_NOT__EXIT)
		exit(127);
	_exit(step(SC_STEP_EXIT_STATUS_1) ? 1 : 127);
}

/* ---- the parent ---- */

static char *shared_argv[1 << 16];

/* The race bug: every caller stages its argv in the same global and yields
 * before using it, so concurrent callers exec each other's arguments. */
static int stage_argv(char *const argv[])
{
	size_t i;
	for (i = 0; argv[i]; i++) {
		if (i + 1 >= sizeof shared_argv / sizeof *shared_argv)
			return E2BIG;
		shared_argv[i] = argv[i];
	}
	shared_argv[i] = NULL;
	sched_yield();
	return 0;
}

static char **drop_empty(char *const argv[])
{
	size_t n = 0, k = 0;
	while (argv[n])
		n++;
	char **v = malloc((n + 1) * sizeof *v);
	if (v) {
		for (size_t i = 0; i < n; i++)
			if (*argv[i])
				v[k++] = argv[i];
		v[k] = NULL;
	}
	return v;
}

static void close_in_caller(const struct acts *acts)
{
	for (size_t i = 0; acts && i < acts->n; i++)
		if (acts->v[i].kind == SC_OP_ADDCLOSE)
			close(acts->v[i].fd);
}

static char **truncate_argv(char *const argv[])
{
	static char *cut[1025];
	size_t i;
	for (i = 0; argv[i] && i < 1024; i++)
		cut[i] = argv[i];
	cut[i] = NULL;
	return cut;
}

/* What execve copies: every string with its NUL. */
static size_t strings_size(char *const v[])
{
	size_t n = 0;
	for (; v && *v; v++)
		n += strlen(*v) + 1;
	return n;
}

static int chdir_in_caller(const struct acts *acts)
{
	for (size_t i = 0; acts && i < acts->n; i++)
		if (acts->v[i].kind == SC_OP_ADDCHDIR && chdir(acts->v[i].path) < 0)
			return errno;
	return 0;
}

/* vfork is called here and the child never returns from here. */
static int spawn(pid_t *pid, struct job *j)
{
	int p[2];
	if (pipe2(p, bug == SC_BUG_FD_LEAK || bug == SC_BUG_CLOEXEC_RACE ? 0 : O_CLOEXEC) != 0)
		return errno;
	j->rfd = p[0];
	j->wfd = p[1];
	sigset_t all, none;
	sigfillset(&all);
	sigemptyset(&none);
	pthread_sigmask(SIG_BLOCK, step(SC_STEP_SIGNALS_NOT_BLOCKED) ? &none : &all, &j->oldmask);

	pid_t child = bug == SC_BUG_VFORK_IS_FORK || bug == SC_BUG_NO_WAIT_FOR_EXEC || step(SC_STEP_FORK_NOT_VFORK)
	                  ? fork()
	                  : vfork();
	if (child == 0)
		run_child(j);
	int err = child < 0 ? errno : 0;
	close(p[1]);
	if (child > 0 && bug != SC_BUG_NO_WAIT_FOR_EXEC && !step(SC_STEP_ERROR_NOT_READ)) {
		ssize_t n;
		while ((n = read(p[0], &err, sizeof err)) < 0 && errno == EINTR)
			;
		if (n != (ssize_t)sizeof err)
			err = 0;
		if (err && bug != SC_BUG_ZOMBIE) {
			int w;
			while ((w = waitpid(child, NULL, 0)) < 0 && errno == EINTR)
				;
			/* The child's exit seen as the only proof of its error. */
			if (w < 0 && errno == ECHILD && bug == SC_BUG_SIGCHLD_LOST_ERROR)
				err = 0;
		}
	}
	close(p[0]);
	if (!err && child > 0 && bug == SC_BUG_WAIT_FOR_EXIT) {
		siginfo_t si;
		while (waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
			;
	}
	if (err && bug == SC_BUG_MASK_NOT_RESTORED_ON_ERROR)
		return err;
	if (bug == SC_BUG_PARENT_MASK)
		sigaddset(&j->oldmask, SIGUSR2);
	if (!step(SC_STEP_CALLER_MASK_KEPT))
		pthread_sigmask(SIG_SETMASK, &j->oldmask, NULL);
	if (!err && (pid || bug == SC_BUG_NULL_PID_WRITTEN) && !step(SC_STEP_PID_NOT_STORED))
		*pid = child;
	return err;
}

/* The argv steps: a copy with argv[0] replaced or the last one dropped. */
static char **edit_argv(char *const argv[], const char *path)
{
	size_t n = 0;
	while (argv[n])
		n++;
	char **v = malloc((n + 1) * sizeof *v);
	if (!v)
		return NULL;
	memcpy(v, argv, (n + 1) * sizeof *v);
	if (step(SC_STEP_ARGV0_REPLACED) && n)
		memcpy(&v[0], &path, sizeof path); /* execve's argv is char *const[] */
	if (step(SC_STEP_ARGV_LAST_DROPPED) && n)
		v[n - 1] = NULL;
	return v;
}

/* The PATH of an environment, NULL for none. */
static const char *path_in(char *const envp[])
{
	for (; *envp; envp++)
		if (strncmp(*envp, "PATH=", 5) == 0)
			return *envp + 5;
	return NULL;
}

/* The search-order bug: PATH's elements last to first. */
static const char *reversed_path(const char *path)
{
	static char out[PATH_MAX];
	size_t n = strlen(path), at = 0;
	if (n >= sizeof out)
		return path;
	for (size_t end = n;;) {
		size_t start = end;
		while (start > 0 && path[start - 1] != ':')
			start--;
		memcpy(out + at, path + start, end - start);
		at += end - start;
		if (start == 0)
			break;
		out[at++] = ':';
		end = start - 1;
	}
	out[at] = '\0';
	return out;
}

static int spawn_common(pid_t *pid, const char *path, int search, const posix_spawn_file_actions_t *fa,
                        const posix_spawnattr_t *at, char *const argv[], char *const envp[])
{
	int saved = errno;
	struct job j = {
		.path = path,
		.acts = fa ? acts_of(fa) : NULL,
		.attr = at ? attr_of(at) : NULL,
		.argv = argv,
		.envp = bug == SC_BUG_ENV_IGNORED || (step(SC_STEP_EMPTY_ENVP_ENVIRON) && !envp[0]) ? environ : envp,
	};
	if (step(SC_STEP_SPAWN_SEARCHES) || step(SC_STEP_SPAWNP_NO_SEARCH))
		search = !search;
	if (search && (!strchr(path, '/') || bug == SC_BUG_SLASH_NAME_SEARCHED)) {
		const char *env = step(SC_STEP_SEARCH_ENVP_PATH) ? path_in(envp) : getenv("PATH");
		j.search = env ? env : bug == SC_BUG_UNSET_PATH_CWD ? ":/bin:/usr/bin" : "/bin:/usr/bin";
		if (bug == SC_BUG_SEARCH_ORDER)
			j.search = reversed_path(j.search);
	}
	char **filtered = NULL;
	int err = 0;
	if (bug == SC_BUG_ARGV_EMPTY && !(j.argv = filtered = drop_empty(argv)))
		err = ENOMEM;
	if ((step(SC_STEP_ARGV0_REPLACED) || step(SC_STEP_ARGV_LAST_DROPPED)) &&
	    !(j.argv = filtered = edit_argv(argv, path)))
		err = ENOMEM;
	if (!err && bug == SC_BUG_RACE && !(err = stage_argv(argv)))
		j.argv = shared_argv;
	if (!err && bug == SC_BUG_CWD_LEAK)
		err = chdir_in_caller(j.acts);
	if (bug == SC_BUG_ARGV_TRUNCATE)
		j.argv = truncate_argv(argv);
	if (!err && bug == SC_BUG_ARG_MAX_PRECHECK && strings_size(argv) + strings_size(envp) > 131072)
		err = E2BIG;
	char *from_path[] = {NULL, NULL};
	if (bug == SC_BUG_ARGV0_FROM_PATH && !argv[0]) {
		memcpy(&from_path[0], &path, sizeof path); /* execve's argv is char *const[] */
		j.argv = from_path;
	}
	if (!err && bug == SC_BUG_ENVIRON_MODIFIED && setenv("_", path, 1) != 0)
		err = errno;
	if (bug == SC_BUG_CRASH)
		raise(SIGSEGV);
	while (bug == SC_BUG_HANG)
		pause();
	if (!err)
		err = spawn(pid, &j);
	if (!err && bug == SC_BUG_PARENT_CLOSE)
		close_in_caller(j.acts);
	free(filtered);
	if (bug != SC_BUG_ERRNO_CLOBBERED)
		errno = saved;
	if (err && bug == SC_BUG_RETURNS_MINUS_ONE) {
		errno = err;
		return -1;
	}
	return err;
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *at, char *const argv[], char *const envp[])
{
	return spawn_common(pid, path, 0, fa, at, argv, envp);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *at, char *const argv[], char *const envp[])
{
	return spawn_common(pid, file, 1, fa, at, argv, envp);
}

#ifdef SC_MUTANT_BUILD
#include <dlfcn.h>
#include <stdio.h>

/* libsc-mutant-<name>.so, a link to libsc-mutant.so, is that mutant of
 * mutants.def, and libsc-mutant.so itself none. Any other name is a build
 * mistake that must not pass for a catch: the load aborts. */
__attribute__((constructor)) static void pick_mutant(void)
{
	static const char prefix[] = "libsc-mutant-", suffix[] = ".so";
	const size_t np = sizeof prefix - 1, ns = sizeof suffix - 1;
	Dl_info info;
	const char *file = dladdr(&mutant, &info) && info.dli_fname ? info.dli_fname : "";
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	size_t n = strlen(base);
	if (strcmp(base, "libsc-mutant.so") == 0)
		return;
	char name[SC_MUTANT_NAME_MAX] = "";
	if (n > np + ns && n - np - ns < sizeof name && strncmp(base, prefix, np) == 0 &&
	    strcmp(base + n - ns, suffix) == 0)
		memcpy(name, base + np, n - np - ns);
	if (!*name || sc_mutant_named(name, &mutant) != 0) {
		fprintf(stderr, "libsc-mutant: %s names no mutant of mutants.def\n", file);
		abort();
	}
	bug = (int)mutant.bug;
}
#endif

#if defined(SC_BUG_STOP_THE_WORLD_BUILD)
/* vfork as some emulators and runtimes build it: stop every other thread
 * at a safepoint (a signal whose handler waits), fork, hold the caller until
 * the child exits, then let the world go. The caller is suspended, but so is
 * everyone else. */
#include <dirent.h>
#include <stdatomic.h>

static atomic_int world_stopped;

static atomic_int parked;

static void safepoint(int sig)
{
	(void)sig;
	atomic_fetch_add(&parked, 1);
	while (atomic_load(&world_stopped))
		sched_yield();
	atomic_fetch_sub(&parked, 1);
}

pid_t vfork(void)
{
	struct sigaction sa = {.sa_handler = safepoint};
	sigaction(SIGRTMIN + 6, &sa, NULL);
	atomic_store(&world_stopped, 1);
	pid_t self = (pid_t)syscall(SYS_gettid);
	int others = 0;
	DIR *d = opendir("/proc/self/task");
	for (struct dirent *e; d && (e = readdir(d));) {
		pid_t tid = (pid_t)atoi(e->d_name);
		if (tid > 0 && tid != self && syscall(SYS_tgkill, getpid(), tid, SIGRTMIN + 6) == 0)
			others++;
	}
	if (d)
		closedir(d);
	/* Like a real safepoint: the world is stopped once everyone is parked. */
	while (atomic_load(&parked) < others)
		sched_yield();
	pid_t child = fork();
	if (child > 0) {
		siginfo_t si;
		while (waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
			;
	}
	if (child != 0)
		atomic_store(&world_stopped, 0);
	return child;
}
#endif

#if defined(SC_BUG_VFORK_MASKED_BUILD)
/* vfork as an emulator might build it: fork, then hold the caller until the
 * child exits with every signal blocked so that nothing interrupts the
 * wait. The caller is suspended, but a fatal signal can no longer end it. */
pid_t vfork(void)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid_t child = fork();
	if (child > 0) {
		siginfo_t si;
		while (waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
			;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return child;
}
#endif

#if defined(SC_BUG_VFORK_IS_FORK_BUILD)
/* Only this variant exports vfork: a C function cannot forward to the real
 * one (the child's return from it would clobber the frame the parent then
 * resumes in), so in the others dlsym(handle, "vfork") finds libc's through
 * this library's dependencies. */
pid_t vfork(void)
{
	return fork();
}
#endif
