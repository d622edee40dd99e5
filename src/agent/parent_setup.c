/* The caller state of a RUN (parent_setup.h). */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names.h"
#include "parent_setup.h"
#include "sigbits.h"
#include "wire.h"

struct setup {
	const char *root;
	char *why;
	size_t whylen;
};

/* A pipe end created with its peer's record, still awaiting its own. */
struct pending {
	int fd;
	unsigned kind;
};

static int fail(struct setup *s, const char *call, const char *arg, int err)
{
	char name[SC_NAME_MAX];
	snprintf(s->why, s->whylen, "%s(%s): %s", call, arg, sc_errno_name(err, name));
	return -1;
}

static int fail_fd(struct setup *s, const char *call, int fd, int err)
{
	char arg[16];
	snprintf(arg, sizeof arg, "%d", fd);
	return fail(s, call, arg, err);
}

static int rooted(const struct setup *s, const char *rel, char out[PATH_MAX])
{
	int n = snprintf(out, PATH_MAX, "%s/%s", s->root, rel);
	return n < 0 || n >= PATH_MAX ? -1 : 0;
}

static int put_fd(struct setup *s, int src, int dst)
{
	if (src == dst)
		return 0;
	if (dup2(src, dst) < 0)
		return fail_fd(s, "dup2", dst, errno);
	close(src);
	return 0;
}

static int set_cloexec(struct setup *s, int fd, int on)
{
	int flags = fcntl(fd, F_GETFD);
	if (flags < 0 || fcntl(fd, F_SETFD, on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC) < 0)
		return fail_fd(s, "fcntl", fd, errno);
	return 0;
}

static int setup_open(struct setup *s, const struct sc_pfd *p)
{
	char path[PATH_MAX];
	if (rooted(s, p->path, path) < 0)
		return fail(s, "open", p->path, ENAMETOOLONG);
	int fd = open(path, sc_oflags_native(p->oflags), 0644);
	if (fd < 0)
		return fail(s, "open", p->path, errno);
	if (put_fd(s, fd, p->fd) < 0)
		return -1;
	/* dup2 dropped any O_CLOEXEC; both ways of asking for it count. */
	if (set_cloexec(s, p->fd, p->cloexec || (p->oflags >> SC_OFLAG_BIT_O_CLOEXEC & 1)) < 0)
		return -1;
	if (p->offset && lseek(p->fd, (off_t)p->offset, SEEK_SET) < 0)
		return fail(s, "lseek", p->path, errno);
	return 0;
}

/* Moves the raw ends of a new pipe to dst without one move overwriting
 * the other end: a swap needs a spare fd, and otherwise the end whose
 * number is the other's destination moves first. */
static int place_pair(struct setup *s, int src[2], const int dst[2])
{
	if (src[1] == dst[0] && src[0] == dst[1]) {
		int spare = fcntl(src[0], F_DUPFD, 0);
		if (spare < 0)
			return fail_fd(s, "fcntl", src[0], errno);
		close(src[0]);
		src[0] = spare;
	}
	int first = src[1] == dst[0];
	if (put_fd(s, src[first], dst[first]) < 0)
		return -1;
	return put_fd(s, src[!first], dst[!first]);
}

static int setup_pipe(struct setup *s, const struct sc_pfd *p, struct pending *pend, size_t *npend)
{
	for (size_t i = 0; i < *npend; i++) {
		if (pend[i].fd == p->fd && pend[i].kind == p->kind) {
			pend[i] = pend[--*npend];
			return set_cloexec(s, p->fd, p->cloexec);
		}
	}
	int ends[2];
	if (pipe2(ends, 0) != 0)
		return fail_fd(s, "pipe2", p->fd, errno);
	int reading = p->kind == SC_PFD_PipeRead;
	const int dst[2] = {reading ? p->fd : p->peer, reading ? p->peer : p->fd};
	if (place_pair(s, ends, dst) < 0)
		return -1;
	pend[(*npend)++] = (struct pending){p->peer, reading ? SC_PFD_PipeWrite : SC_PFD_PipeRead};
	return set_cloexec(s, p->fd, p->cloexec);
}

static int setup_fds(struct setup *s, const struct sc_request *req)
{
	struct pending *pend = calloc(req->npfds + 1, sizeof *pend);
	size_t npend = 0;
	int rc = pend ? 0 : fail(s, "calloc", "pending pipes", ENOMEM);
	for (size_t i = 0; rc == 0 && i < req->npfds; i++) {
		const struct sc_pfd *p = &req->pfds[i];
		switch (p->kind) {
		case SC_PFD_Closed:
			close(p->fd);
			break;
		case SC_PFD_Open:
			rc = setup_open(s, p);
			break;
		default:
			rc = setup_pipe(s, p, pend, &npend);
			break;
		}
	}
	free(pend);
	return rc;
}

static volatile sig_atomic_t caught;

/* The disposition a case calls "caught": a handler that only counts. */
static void count_signal(int sig)
{
	(void)sig;
	caught = caught + 1;
}

/* The dispositions this process set last. A worker serves the next
 * request only when its calls left them unchanged (worker_main.c), so
 * then only the signals whose disposition differs need a sigaction; a
 * fresh worker knows nothing and sets every one. */
static struct {
	int known;
	uint64_t ign, handle;
} current;

/* Everything not ignored or caught goes back to SIG_DFL: the agent's own
 * handlers and whatever it inherited must not show up as the case's
 * state. */
static int setup_dispositions(struct setup *s, const struct sc_request *req)
{
	int known = current.known;
	uint64_t ign = req->psigign, handle = req->psigcatch & ~req->psigign;
	current.known = 0;
	for (int sig = 1; sig <= 64; sig++) {
		if (sig >= 32 && sig <= 34)
			continue;
		uint64_t bit = UINT64_C(1) << (sig - 1);
		if (known && ((ign ^ current.ign) & bit) == 0 && ((handle ^ current.handle) & bit) == 0)
			continue;
		struct sigaction sa = {.sa_flags = SA_RESTART};
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = ign & bit ? SIG_IGN : handle & bit ? count_signal : SIG_DFL;
		if ((sig == SIGKILL || sig == SIGSTOP) && sa.sa_handler == SIG_DFL)
			continue;
		if (sigaction(sig, &sa, NULL) != 0) {
			char name[SC_NAME_MAX];
			return fail(s, "sigaction", sc_signal_name(sig, name), errno);
		}
	}
	current.known = 1;
	current.ign = ign;
	current.handle = handle;
	return 0;
}

int sc_parent_setup(const struct sc_request *req, const char *root, char *why, size_t whylen)
{
	struct setup s = {root, why, whylen};
	char cwd[PATH_MAX];
	if (rooted(&s, req->cwd, cwd) < 0)
		return fail(&s, "chdir", req->cwd, ENAMETOOLONG);
	if (chdir(cwd) != 0)
		return fail(&s, "chdir", req->cwd, errno);
	umask((mode_t)req->umask);
	if (setup_fds(&s, req) < 0)
		return -1;
	environ = req->penv;
	if (setup_dispositions(&s, req) < 0)
		return -1;
	sigset_t mask;
	sc_sigset_from_bits(req->psigmask, &mask);
	if (sigprocmask(SIG_SETMASK, &mask, NULL) != 0)
		return fail(&s, "sigprocmask", "SIG_SETMASK", errno);
	return 0;
}
