/* backend.h — one table of the POSIX spawn API per implementation under
 * test, with the libc's own <spawn.h> types, so the request code is the
 * same for the libc, an --impl library and refcore.
 *
 * Optional entries are NULL when the implementation lacks them; that is
 * decided at run time, never assumed. */
#ifndef SPAWNCHECK_AGENT_BACKEND_H
#define SPAWNCHECK_AGENT_BACKEND_H

#include <spawn.h>
#include <stddef.h>

#include "request.h"

typedef int sc_spawn_fn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                        const posix_spawnattr_t *attr, char *const argv[], char *const envp[]);

/* How the scenarios create a child in a shared-memory window. */
enum sc_primitive {
	SC_PRIM_NONE,      /* the implementation offers none */
	SC_PRIM_CALL,      /* .vfork: returns 0 in the child, like vfork() */
	SC_PRIM_CLONE,     /* clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a private stack */
};

struct sc_backend {
	sc_spawn_fn *spawn;
	sc_spawn_fn *spawnp;

	int (*fa_init)(posix_spawn_file_actions_t *fa);
	int (*fa_destroy)(posix_spawn_file_actions_t *fa);
	int (*fa_addopen)(posix_spawn_file_actions_t *fa, int fd, const char *path, int oflag, mode_t mode);
	int (*fa_addclose)(posix_spawn_file_actions_t *fa, int fd);
	int (*fa_adddup2)(posix_spawn_file_actions_t *fa, int fd, int newfd);
	int (*fa_addchdir)(posix_spawn_file_actions_t *fa, const char *path);      /* optional */
	int (*fa_addfchdir)(posix_spawn_file_actions_t *fa, int fd);               /* optional */
	int (*fa_addclosefrom)(posix_spawn_file_actions_t *fa, int from);          /* optional */

	int (*attr_init)(posix_spawnattr_t *attr);
	int (*attr_destroy)(posix_spawnattr_t *attr);
	int (*attr_setflags)(posix_spawnattr_t *attr, short flags);
	int (*attr_getflags)(const posix_spawnattr_t *attr, short *flags);
	int (*attr_setsigmask)(posix_spawnattr_t *attr, const sigset_t *mask);
	int (*attr_getsigmask)(const posix_spawnattr_t *attr, sigset_t *mask);
	int (*attr_setsigdefault)(posix_spawnattr_t *attr, const sigset_t *set);
	int (*attr_getsigdefault)(const posix_spawnattr_t *attr, sigset_t *set);
	int (*attr_setpgroup)(posix_spawnattr_t *attr, pid_t pgroup);
	int (*attr_getpgroup)(const posix_spawnattr_t *attr, pid_t *pgroup);

	enum sc_primitive primitive;
	/* SC_PRIM_CALL: vfork() for libc and vfork-exec, fork() for
	 * fork-exec, the library's own vfork for impl. */
	pid_t (*vfork)(void);
};

/* Fills *b for the request's backend. 0, or -1 with the reply's result
 * line in why ("broken impl: ...", "unsupported ..."). */
int sc_backend_open(const struct sc_request *req, struct sc_backend *b, char *why, size_t whylen);

/* Per backend (backend_*.c); only loading an --impl library can fail. */
void sc_backend_libc(struct sc_backend *b);
/* The libc's optional builders: looked up at run time in a dynamic agent,
 * taken from the headers in a static one (libc_optional_*.c). */
void sc_backend_libc_optional(struct sc_backend *b);
void sc_backend_refcore(enum sc_backend_kind kind, struct sc_backend *b);
int sc_backend_impl(const char *path, struct sc_backend *b, char *why, size_t whylen);

#endif
