#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "child.h"
#include "fa_op.h"
#include "sys.h"

static int named(const sc_file_actions *fa, int fd)
{
	for (const struct sc_fa_op *op = fa->head; op; op = op->next)
		if (op->fd == fd || op->srcfd == fd)
			return 1;
	return 0;
}

/* Lowest fd no action names, as a close-on-exec duplicate of fd. */
static long dup_unnamed(const sc_file_actions *fa, int fd)
{
	for (int from = 0;;) {
		long dup = syscall(SC_SYS_fcntl, fd, F_DUPFD_CLOEXEC, from);
		if (dup < 0 || !named(fa, (int)dup))
			return dup;
		syscall(SYS_close, dup);
		from = (int)dup + 1;
	}
}

/* Highest free fd below RLIMIT_NOFILE that no action names, as a
 * close-on-exec duplicate of fd; a bounded walk down from the limit. */
static long dup_high_unnamed(const sc_file_actions *fa, int fd)
{
	struct rlimit rl;
	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) < 0 || rl.rlim_cur > INT_MAX)
		return -1;
	for (long from = (long)rl.rlim_cur - 1, tries = 0; from >= 0 && tries < 64; from--, tries++) {
		if (named(fa, (int)from))
			continue;
		/* The lowest free fd at or above from: from itself, or a free
		 * fd above it that an action names. */
		long dup = syscall(SC_SYS_fcntl, fd, F_DUPFD_CLOEXEC, from);
		if (dup >= 0 && !named(fa, (int)dup))
			return dup;
		if (dup >= 0)
			syscall(SYS_close, dup);
	}
	return -1;
}

/* The error pipe must survive every action and stay invisible to them: an
 * action naming its fd would clobber or see it, and a pipe below an addopen
 * target could take the place of the lowest free fd, which decides whether
 * the open's O_CLOEXEC survives ("as if dup2" otherwise). Above every named
 * fd it can do neither. If no fd is free up there (RLIMIT_NOFILE), the
 * highest free fd no action names keeps out of the way of every open but
 * in an almost full table; the lowest one is the last resort. */
static int place_pipe(const sc_file_actions *fa, int *wfd)
{
	if (*wfd < 0)
		return 0; /* no pipe: the error goes through shared memory */
	int hi = -1;
	for (const struct sc_fa_op *op = fa->head; op; op = op->next) {
		if (op->fd > hi)
			hi = op->fd;
		if (op->srcfd > hi)
			hi = op->srcfd;
	}
	if (*wfd > hi)
		return 0;
	/* Even an unnamed pipe fd must move: low, it is what an open would
	 * otherwise have got (found by spawncheck fuzz with the caller's own
	 * fd at RLIMIT_NOFILE-1 and an addopen just below it). */
	long fd = syscall(SC_SYS_fcntl, *wfd, F_DUPFD_CLOEXEC, hi + 1);
	if (fd < 0 && (fd = dup_high_unnamed(fa, *wfd)) < 0) {
		if (!named(fa, *wfd))
			return 0;
		if ((fd = dup_unnamed(fa, *wfd)) < 0)
			return errno;
	}
	syscall(SYS_close, *wfd);
	*wfd = (int)fd;
	return 0;
}

struct sc_dirent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* Without close_range (Linux < 5.9, some emulators) close what
 * /proc/self/fd lists. Closing while reading may make the directory
 * stream skip entries, so read it again until a pass closes nothing. */
static int close_listed(int from, int keep)
{
	long dfd = syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return errno;
	int closed, err = 0;
	do {
		union {
			char bytes[1024];
			uint64_t align;
		} buf;
		long n;
		closed = 0;
		if (syscall(SYS_lseek, dfd, 0L, SEEK_SET) < 0)
			n = -1;
		else
			while ((n = syscall(SYS_getdents64, dfd, buf.bytes, sizeof buf.bytes)) > 0)
				for (long off = 0; off < n;) {
					const struct sc_dirent64 *d = (const void *)(buf.bytes + off);
					long fd = 0;
					const char *s = d->name;
					for (; *s >= '0' && *s <= '9' && fd <= INT32_MAX; s++)
						fd = fd * 10 + (*s - '0');
					if (s != d->name && !*s && fd >= from && fd != keep && fd != dfd) {
						syscall(SYS_close, fd);
						closed = 1;
					}
					off += d->reclen;
				}
		if (n < 0)
			err = errno;
	} while (closed && !err);
	syscall(SYS_close, dfd);
	return err;
}

/* closefrom that spares the error pipe (keep; -1 when there is none). */
static int close_from(int from, int keep)
{
	long r = 0;
	if (keep < from) {
		r = syscall(SYS_close_range, (unsigned)from, ~0U, 0U);
	} else {
		if (keep > from)
			r = syscall(SYS_close_range, (unsigned)from, (unsigned)keep - 1, 0U);
		if (r == 0)
			r = syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0U);
	}
	if (r == 0)
		return 0;
	return errno == ENOSYS ? close_listed(from, keep) : errno;
}

static int apply(const struct sc_fa_op *op, int wfd)
{
	long fd;
	switch (op->cmd) {
	case SC_FA_OPEN:
		/* POSIX.1-2024: an fd that is already open "shall be closed before
		 * the new file is opened", so the open can land on it and keep
		 * O_CLOEXEC (glibc does the same). The error pipe is never a named
		 * fd: it was moved clear of every one. */
		syscall(SYS_close, op->fd);
		/* O_LARGEFILE: what libc's open adds on 32-bit arches. */
		fd = syscall(SYS_openat, AT_FDCWD, op->path, op->oflag | O_LARGEFILE, (unsigned long)op->mode);
		if (fd < 0)
			return errno;
		/* "As if dup2": a target that was not the lowest free fd loses
		 * O_CLOEXEC, as in glibc and musl. */
		if (fd != op->fd) {
			if (syscall(SYS_dup3, fd, op->fd, 0) < 0)
				return errno;
			syscall(SYS_close, fd);
		}
		return 0;
	case SC_FA_CLOSE:
		/* The fd was checked when added; like glibc, a close that fails
		 * here (not open) is no error, and Linux frees the fd whatever
		 * close returns. */
		syscall(SYS_close, op->fd);
		return 0;
	case SC_FA_DUP2:
		/* POSIX.1-2024: dup2 onto itself clears FD_CLOEXEC (and fails
		 * EBADF if fd is not open). */
		if (op->srcfd == op->fd) {
			long fl = syscall(SC_SYS_fcntl, op->fd, F_GETFD);
			if (fl < 0 || syscall(SC_SYS_fcntl, op->fd, F_SETFD, fl & ~FD_CLOEXEC) < 0)
				return errno;
		} else if (syscall(SYS_dup3, op->srcfd, op->fd, 0) < 0) {
			return errno;
		}
		return 0;
	case SC_FA_CHDIR:
		return syscall(SYS_chdir, op->path) < 0 ? errno : 0;
	case SC_FA_FCHDIR:
		return syscall(SYS_fchdir, op->fd) < 0 ? errno : 0;
	case SC_FA_CLOSEFROM:
		return close_from(op->fd, wfd);
	}
	return EINVAL;
}

int sc__child_actions(const sc_file_actions *fa, int *wfd)
{
	int err = place_pipe(fa, wfd);
	for (const struct sc_fa_op *op = fa->head; op && !err; op = op->next)
		err = apply(op, *wfd);
	return err;
}
