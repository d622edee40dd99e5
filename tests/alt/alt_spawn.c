/* alt_spawn.c — posix_spawn and posix_spawnp of tests/alt: a second
 * implementation of the POSIX spawn API, written from POSIX.1-2024 alone,
 * that takes the other documented choice wherever POSIX leaves one, so
 * that spawncheck's model is kept to what POSIX allows rather than to what
 * glibc and musl happen to do. The caller's side is here; the child's in
 * alt_child.c; the objects in alt_file_actions.c and alt_attr.c.
 *
 * The child is made with vfork(): the calling thread is suspended until
 * it execs or exits, and it shares the caller's memory (the harness's
 * linux profile relies on both). Every signal is blocked and cancellation
 * disabled around it; caught signals are reset to SIG_DFL in the child.
 *
 * The choices, each with what POSIX says (quotes from POSIX.1-2024 where
 * marked; the rest paraphrased):
 *
 *  1. addopen clears FD_CLOEXEC of its target after the open, whatever
 *     oflag asked (FreeBSD does F_SETFD 0 on every addopen target), so
 *     O_CLOEXEC never survives. POSIX: the action is "as if open(path,
 *     oflag, mode) had been called, and the returned file descriptor, if
 *     not fildes, had been changed to fildes as if dup2(returned_fd,
 *     fildes) had been called"; which descriptor the open returns depends
 *     on the descriptors the implementation itself holds in the child, so
 *     whether O_CLOEXEC survives is the implementation's (glibc and musl
 *     keep it only when the open lands on fildes).
 *  2. POSIX_SPAWN_SETPGROUP is applied before POSIX_SPAWN_SETSID (bionic's
 *     order; glibc and musl call setsid first). POSIX describes each flag
 *     ("as if the setsid() function had been called"; the group "as
 *     specified in the spawn-pgroup attribute") and orders neither. With a
 *     pgroup naming an existing group the spawn succeeds and the child
 *     leads a new session (and so a new group: the requested one is
 *     lost); with pgroup 0 setpgid makes the child a group leader and
 *     setsid then fails [EPERM], the same error glibc's order gives.
 *  3. An fd at or above RLIMIT_NOFILE is accepted by addopen, addclose,
 *     adddup2, addfchdir and addclosefrom_np; the spawn then fails [EBADF]
 *     (addopen's dup2, adddup2, addfchdir) or the action does nothing
 *     (addclose, addclosefrom_np). POSIX: the builders shall fail [EBADF]
 *     for an fd "negative or greater than or equal to {OPEN_MAX}"; Linux
 *     defines no OPEN_MAX, and the limit in force at spawn time may differ
 *     from the one when the action was added (musl's reasoning), and "It
 *     shall not be considered an error for the fildes argument ... to
 *     specify a file descriptor for which the specified operation could
 *     not be performed at the time of the call." A negative fd is refused
 *     when added, [EBADF], by every builder (a "shall fail").
 *  4. addclose of an fd that is not open is ignored (glibc and musl do
 *     the same). POSIX.1-2017 let such a close fail the spawn; POSIX.1-2024,
 *     after Austin Group issue 370, does not (paraphrased: the 2024 text was
 *     not at hand when this was written).
 *  5. The error channel is a close-on-exec pipe made with pipe2 in the
 *     caller before the vfork, so it takes the caller's lowest free fds
 *     (0 and 1 when the caller has closed them); the child closes the read
 *     end and moves the write end with F_DUPFD_CLOEXEC above the highest
 *     fd any action names, or, with no room there (near the fd limit),
 *     leaves it and moves it to the lowest fd the next action does not
 *     name whenever an action names it. addclosefrom_np closes around it.
 *     POSIX leaves an implementation's own descriptors in the child to
 *     it (its application usage warns that implementations may hold
 *     some); glibc uses none, musl keeps its pipe at the lowest free fd.
 *  6. posix_spawnp with PATH unset searches "/usr/bin:/bin" (ALT_DEFAULT_PATH),
 *     never the working directory. POSIX (exec, DESCRIPTION): "If the
 *     PATH environment variable is not present, the results of the search
 *     are implementation-defined." (glibc searches "/bin:/usr/bin", musl
 *     "/usr/local/bin:/bin:/usr/bin".)
 *  7. Exec-failure reporting: by default every failure in the child
 *     (attributes, file actions, exec) is written to the pipe and returned
 *     by posix_spawn, the child reaped. Built with SC_ALT_EXIT127=1
 *     (libsc-alt-exit127.so) there is no pipe: every failure after the
 *     child exists is the child's _exit(127) and posix_spawn returns 0.
 *     POSIX: "If the error occurs after the calling process successfully
 *     returns, the child process shall exit with exit status 127."
 *
 * Not choices, but POSIX.1-2024 text followed: adddup2(fd, fd) clears
 * FD_CLOEXEC of an open fd and fails [EBADF] for a closed one; file
 * actions run in order after the attributes; ENOEXEC has no shell
 * fallback; setflags refuses flags it does not implement [EINVAL]
 * (scheduling included). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alt.h"

#ifndef SC_ALT_EXIT127
#error "CMakeLists.txt sets SC_ALT_EXIT127 to 0 or 1"
#endif

#define ALT_DEFAULT_PATH "/usr/bin:/bin"

/* The one frame vfork returns twice in: the child never comes back. */
__attribute__((noinline)) static pid_t launch(struct alt_request *rq)
{
	const pid_t pid = vfork();
	if (pid == 0)
		alt_child(rq);
	return pid;
}

/* What the child wrote before it died, or 0 when it exec'd (the pipe
 * closed on exec with nothing in it). */
static int read_report(int fd)
{
	int err = 0;
	ssize_t n;
	while ((n = read(fd, &err, sizeof err)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof err ? err : 0;
}

static void reap(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

static int nofile_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur > INT_MAX)
		return INT_MAX;
	return (int)rl.rlim_cur;
}

static int spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[], char *const envp[], int searched)
{
	const int saved_errno = errno;
	struct alt_request rq = {.path = path, .argv = argv, .envp = envp, .report = {-1, -1}};
	if (fa)
		rq.actions = alt_fa_load(fa);
	if (attr) {
		rq.attr = alt_attr_load(attr);
	} else {
		sigemptyset(&rq.attr.mask);
		sigemptyset(&rq.attr.def);
	}
	rq.nofile = nofile_limit();
	if (searched && !strchr(path, '/')) {
		const char *var = getenv("PATH");
		rq.search = var ? var : ALT_DEFAULT_PATH;
		rq.candidate = malloc(strlen(rq.search) + strlen(path) + 2);
		if (!rq.candidate)
			return ENOMEM;
	}
	int err = 0;
	if (!SC_ALT_EXIT127 && pipe2(rq.report, O_CLOEXEC) != 0) {
		err = errno;
		free(rq.candidate);
		errno = saved_errno;
		return err;
	}

	int cancel;
	sigset_t all;
	sigfillset(&all);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);
	pthread_sigmask(SIG_SETMASK, &all, &rq.caller_mask);
	const pid_t child = launch(&rq);
	if (child < 0)
		err = errno;
	if (rq.report[1] >= 0)
		close(rq.report[1]);
	if (rq.report[0] >= 0) {
		if (child > 0)
			err = read_report(rq.report[0]);
		close(rq.report[0]);
	}
	if (err && child > 0)
		reap(child);
	pthread_sigmask(SIG_SETMASK, &rq.caller_mask, NULL);
	pthread_setcancelstate(cancel, NULL);

	free(rq.candidate);
	if (!err && pid)
		*pid = child;
	errno = saved_errno;
	return err;
}

ALT_API int posix_spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *fa,
                        const posix_spawnattr_t *restrict attr, char *const argv[restrict],
                        char *const envp[restrict])
{
	return spawn(pid, path, fa, attr, argv, envp, 0);
}

ALT_API int posix_spawnp(pid_t *restrict pid, const char *restrict file, const posix_spawn_file_actions_t *fa,
                         const posix_spawnattr_t *restrict attr, char *const argv[restrict],
                         char *const envp[restrict])
{
	return spawn(pid, file, fa, attr, argv, envp, 1);
}
