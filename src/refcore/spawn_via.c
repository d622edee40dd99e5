#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "sys.h"

/* By enum sc_launch: set once a child's store to its struct sc_child has
 * been seen by the parent. An emulator that turns vfork or CLONE_VM into a
 * plain fork (qemu-user, valgrind) loses errors written to memory, as
 * glibc's posix_spawn does there, so errors go through the pipe until this
 * primitive has shown, in this process, that it shares memory. Then the
 * child stores its error in the shared struct, sparing the pipe's system
 * calls. A fork never sets it. Relaxed: it guards no data; each call's own
 * struct is ordered by the kernel's wait for the child's exec or _exit. */
static atomic_int shares_memory[SC_LAUNCH_FORK + 1];

/* Reads the child's verdict: nothing (the pipe closed on exec, or the child
 * died before it could say) is success, an int is the error number. The
 * read waits for exec even where vfork is plain fork. */
static int verdict(int rfd)
{
	int err;
	ssize_t n;
	do
		n = read(rfd, &err, sizeof err);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof err ? err : 0;
}

int sc_spawn_via(enum sc_launch how, int search, pid_t *pid, const char *path,
                 const sc_file_actions *fa, const sc_spawnattr *attr,
                 char *const argv[], char *const envp[])
{
	pid_t (*launch)(struct sc_child *);
	switch (how) {
	case SC_LAUNCH_CLONE: launch = sc__launch_clone; break;
	case SC_LAUNCH_VFORK: launch = sc__launch_vfork; break;
	case SC_LAUNCH_FORK: launch = sc__launch_fork; break;
	default: return EINVAL;
	}
	int saved = errno, p[2] = {-1, -1};
	struct sc_child c = {.path = path, .fa = fa, .attr = attr, .argv = argv, .envp = envp};
	if (search && !strchr(path, '/')) {
		const char *env = getenv("PATH");
		c.search = env ? env : "/bin:/usr/bin";
	}
	int shared = atomic_load_explicit(&shares_memory[how], memory_order_relaxed);
	if (!shared && pipe2(p, O_CLOEXEC) != 0) {
		int err = errno;
		errno = saved;
		return err;
	}
	c.rfd = p[0];
	c.wfd = p[1];

	/* Every signal, libc-internal ones included (glibc's sigfillset leaves
	 * those out): no handler may run in the child before it has reset the
	 * dispositions. The child restores the caller's mask, or sets attr's. */
	sigset_t all;
	memset(&all, 0xff, sizeof all);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, &c.oldmask, SC_KSIGSET);

	pid_t child = launch(&c);
	/* A child killed before it could report leaves c.err 0, like an empty
	 * pipe: success, and the caller's wait sees the signal. */
	int err = child < 0 ? -child : c.err;
	if (!shared) {
		close(p[1]);
		if (child > 0)
			err = verdict(p[0]);
		close(p[0]);
		if (c.ran)
			atomic_store_explicit(&shares_memory[how], 1, memory_order_relaxed);
	}
	if (err && child > 0) {
		/* The failed child's next step is _exit: this wait is short. */
		while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
			;
	}
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &c.oldmask, NULL, SC_KSIGSET);

	if (!err && pid)
		*pid = child;
	errno = saved;
	return err;
}
