/* request.h — a HELLO, RUN or QUIT payload decoded into memory.
 *
 * sc_request_decode is a pure function over untrusted bytes (no I/O, no
 * globals), so it is also a fuzz target: every length is checked before it
 * is used and every value the agent would act on is validated here. */
#ifndef SPAWNCHECK_AGENT_REQUEST_H
#define SPAWNCHECK_AGENT_REQUEST_H

#include <stddef.h>
#include <stdint.h>

enum sc_backend_kind {
#define SC_BACKEND(ID, name, profile, what) SC_BACKEND_##ID,
#include "backends.def"
	SC_BACKEND_IMPL,
};

/* One SC_T_PFD record (kind: enum sc_pfd_kind of wire.h). */
struct sc_pfd {
	int fd;
	unsigned kind;
	int peer;
	uint32_t oflags;   /* SC_OFLAG bits */
	int cloexec;
	uint64_t offset;
	const char *path;
};

/* One SC_T_ACTION record (op: enum sc_op of names.h). */
struct sc_action {
	unsigned op;
	int fd;
	int newfd;
	uint32_t oflags;   /* SC_OFLAG bits */
	uint32_t mode;
	const char *path;
};

/* Which posix_spawnattr setters a RUN asks for. */
enum {
	SC_ATTR_FLAGS = 1,
	SC_ATTR_SIGMASK = 2,
	SC_ATTR_SIGDEF = 4,
	SC_ATTR_PGROUP = 8,
};

#define SC_DEFAULT_TIMEOUT_MS 5000u
#define SC_DEFAULT_UMASK 022u

/* Strings are NUL-terminated copies; argv, envp and penv are
 * NULL-terminated arrays ready for exec. Everything lives in one block
 * that sc_request_free releases. */
struct sc_request {
	int msg;                       /* enum sc_msg */
	/* HELLO */
	const char *scratch, *probe;
	/* RUN */
	const char *backend_name;      /* as sent */
	enum sc_backend_kind backend;
	const char *impl_path;         /* SC_BACKEND_IMPL */
	const char *scenario;          /* NULL: perform a spawn */
	int has_param;
	uint32_t param;
	uint32_t timeout_ms;
	const char *cwd;
	uint32_t umask;
	struct sc_pfd *pfds;
	size_t npfds;
	uint64_t psigmask, psigign, psigcatch;
	char **penv;
	int spawnp;
	const char *path;              /* NULL when absent (scenarios) */
	char **argv;
	char **envp;
	int env_inherit;
	struct sc_action *actions;
	size_t nactions;
	unsigned attr_set;             /* SC_ATTR_* */
	uint32_t attr_flags;           /* SC_ATTRFLAG bits */
	uint64_t attr_sigmask, attr_sigdef;
	int32_t attr_pgroup;
	void *block;
};

/* 0 and *out filled, or -1 with a one-line reason in err (out is then
 * empty and needs no free). */
int sc_request_decode(const unsigned char *buf, size_t len, struct sc_request *out,
                      char *err, size_t errlen);
void sc_request_free(struct sc_request *req);

#endif
