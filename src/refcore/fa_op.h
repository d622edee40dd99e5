/* fa_op.h — one recorded file action, shared by the builders and the child. */
#ifndef SC_REFCORE_FA_OP_H
#define SC_REFCORE_FA_OP_H

#include <sys/types.h>

#include "spawncheck/refcore.h"

enum sc_fa_cmd { SC_FA_OPEN, SC_FA_CLOSE, SC_FA_DUP2, SC_FA_CHDIR, SC_FA_FCHDIR, SC_FA_CLOSEFROM };

struct sc_fa_op {
	struct sc_fa_op *next;
	enum sc_fa_cmd cmd;
	int fd;         /* the fd acted on: open/dup2 target, close, fchdir, closefrom's lowest */
	int srcfd;      /* dup2 source; -1 otherwise */
	int oflag;
	mode_t mode;
	char *path;     /* private copy (open, chdir); NULL otherwise */
};

/* Appends a copy of *op (and of path, when not NULL) to fa.
 * Returns 0 or ENOMEM; errno is left alone. */
int sc__fa_append(sc_file_actions *fa, const struct sc_fa_op *op, const char *path);

/* POSIX: EBADF for an fd "negative or greater than or equal to {OPEN_MAX}",
 * checked when the action is added, as glibc does (OPEN_MAX is the current
 * RLIMIT_NOFILE). Leaves errno alone. */
int sc__fd_valid(int fd);

#endif
