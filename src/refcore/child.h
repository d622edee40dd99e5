/* child.h — what the parent hands to the child, and the child's steps.
 * Everything declared here after sc__child runs in the child: async-signal-
 * safe, raw system calls only (sys.h). */
#ifndef SC_REFCORE_CHILD_H
#define SC_REFCORE_CHILD_H

#include <signal.h>
#include <sys/types.h>

#include "spawncheck/refcore.h"

struct sc_child {
	const char *path;
	const char *search;         /* PATH list to walk; NULL: exec path as is */
	const sc_file_actions *fa;  /* may be NULL */
	const sc_spawnattr *attr;   /* may be NULL */
	char *const *argv;
	char *const *envp;
	sigset_t oldmask;           /* the caller's mask, as the kernel returned it */
	int rfd, wfd;               /* error pipe, both close-on-exec; -1: none, use err */
	int handlers_cleared;       /* the kernel reset every caught handler (clone3) */
	/* Stored by the child, read by the parent once the launch has returned,
	 * which CLONE_VFORK and vfork delay until the child's exec or _exit.
	 * Where the launch is really a fork (qemu-user, valgrind), the stores
	 * land in the child's copy: a parent that sees ran set has proof that
	 * memory is shared. */
	volatile int ran;
	volatile int err;           /* the error number, when there is no pipe */
};

/* Applies the request and execs; on failure writes the error number to
 * wfd (to err when wfd is -1) and _exits 127. */
_Noreturn void sc__child(struct sc_child *c);

/* Applies fa in order, keeping the pipe's *wfd (if not -1) open and out
 * of the actions' way (it may be moved). Returns 0 or an error number. */
int sc__child_actions(const sc_file_actions *fa, int *wfd);

/* Execs, walking c->search when set; returns the error number. */
int sc__child_exec(const struct sc_child *c);

/* Create the child running sc__child(c); return its pid or -errno. The
 * CLONE and VFORK forms return once the child has exec'd or exited. */
pid_t sc__launch_clone(struct sc_child *c);
pid_t sc__launch_vfork(struct sc_child *c);
pid_t sc__launch_fork(struct sc_child *c);

#endif
