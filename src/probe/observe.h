/* observe.h — what a process sees of its own state, and the report lines
 * that describe it (library spawncheck_observe).
 *
 * Shared by spawncheck-probe, which reports what a spawned child sees, and
 * spawncheck-agent, which reports the caller's state before and after a
 * spawn in the same syntax (docs/protocol.md). Storage is the caller's:
 * nothing here allocates, so the probe stays allocation-free.
 */
#ifndef SPAWNCHECK_OBSERVE_H
#define SPAWNCHECK_OBSERVE_H

#include <stddef.h>
#include <stdint.h>

#include "out.h"

/* More open fds than this and observe_fds refuses a partial table. */
#define OBSERVE_MAX_FDS 4096
#define OBSERVE_PATH_MAX 4096

struct observe_fd {
	int fd;
	const char *kind;      /* reg dir chr blk fifo sock lnk unknown */
	unsigned major, minor; /* st_dev */
	uint64_t ino;
	int status;            /* F_GETFL */
	int cloexec;
	int64_t offset;        /* -1: lseek failed (pipe, socket) */
};

struct observation {
	char *const *argv;     /* the process's own arrays, never copied */
	char *const *envp;
	uint64_t pid, ppid, pgid, sid;
	uint64_t uid, euid, gid, egid;
	unsigned umask;
	char cwd[OBSERVE_PATH_MAX]; /* "" when getcwd failed (e.g. cwd removed) */
	uint64_t sigmask, sigign, sigcatch; /* bit n-1 = signal n */
	size_t nfds;
	struct observe_fd fds[OBSERVE_MAX_FDS];
};

void observe_process(struct observation *obs);
void observe_signals(struct observation *obs);
/* Every open fd but exclude_fd (-1: none), which is the caller's own
 * channel. 0, or -errno when the table cannot be listed completely. */
int observe_fds(struct observation *obs, int exclude_fd);

/* One report line each, newline included (docs/protocol.md, "Probe
 * report"). */
void observe_line_u64(struct out *o, const char *key, uint64_t v);
void observe_line_hex(struct out *o, const char *key, const char *s);
void observe_line_umask(struct out *o, unsigned umask);
void observe_line_fd(struct out *o, const struct observe_fd *fd);
void observe_line_sigset(struct out *o, const char *key, uint64_t set);

#endif
