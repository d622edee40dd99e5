/* Inside the worker: fd hygiene, the backend, the caller state, then the
 * spawn or scenario, and the reply through the agent's socket; then the
 * next request, as long as this one left the worker as it found it. */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend.h"
#include "clock.h"
#include "job.h"
#include "names.h"
#include "parent_setup.h"
#include "wire.h"
#include "worker.h"

/* Case fds are at most 1048575 (spawn_ops.def); no reason to reach
 * further even when RLIMIT_NOFILE allows it. */
#define FD_CEILING (1 << 20)

static int named(const struct sc_request *req, int fd)
{
	for (size_t i = 0; i < req->npfds; i++) {
		const struct sc_pfd *p = &req->pfds[i];
		if (p->fd == fd || (p->kind >= SC_PFD_PipeRead && p->peer == fd))
			return 1;
	}
	for (size_t i = 0; i < req->nactions; i++)
		if (req->actions[i].fd == fd || req->actions[i].newfd == fd)
			return 1;
	return 0;
}

/* The highest fd below the soft RLIMIT_NOFILE that the case does not
 * name: the reply pipe there cannot collide with anything the case sets
 * up, and it is not the lowest free fd an open in the case would get. */
static int reply_slot(const struct sc_request *req)
{
	struct rlimit rl;
	rlim_t limit = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_cur : 1024;
	if (limit > FD_CEILING)
		limit = FD_CEILING;
	for (int fd = (int)limit - 1; fd >= 0; fd--)
		if (!named(req, fd))
			return fd;
	return -1;
}

/* Closes every fd but keep: stdin/stdout (the agent's protocol channel),
 * stderr, anything else the agent had and whatever the last request left
 * must not reach the case. */
static int close_others(int keep)
{
#ifdef SYS_close_range
	if ((keep == 0 || syscall(SYS_close_range, 0u, (unsigned)keep - 1, 0u) == 0) &&
	    syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u) == 0)
		return 0;
#endif
	/* Without close_range (kernels before 5.9, emulators). */
	DIR *dir = opendir("/proc/self/fd");
	if (!dir)
		return -errno;
	struct dirent *de;
	while ((de = readdir(dir))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		if (*end || end == de->d_name || fd == keep || fd == dirfd(dir))
			continue;
		close((int)fd);
	}
	closedir(dir);
	return 0;
}

/* 0, or -1 at end of input or on an error. */
static int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* 1 when the worker may serve another request after this one. */
static int perform(const struct sc_request *req, const struct sc_session *session, int fd,
                   int64_t deadline_ns, struct sc_text *out)
{
	char why[1024], root[PATH_MAX];
	struct sc_backend backend;
	snprintf(root, sizeof root, "%s/root", session->scratch);
	/* The library loads before the caller state exists, so whatever its
	 * constructors do is part of the "before" observation, not the case. */
	if (sc_backend_open(req, &backend, why, sizeof why) < 0) {
		sc_text_printf(out, "result %s\n", why);
		return 0;
	}
	if (sc_parent_setup(req, root, why, sizeof why) < 0) {
		sc_text_printf(out, "result broken setup: %s\n", why);
		return 0;
	}
	struct sc_job job = {
		.req = req,
		.backend = &backend,
		.scratch = session->scratch,
		.probe = session->probe,
		.root = root,
		.reply_fd = fd,
		.deadline_ns = deadline_ns,
		.out = out,
	};
	if (req->scenario) {
		sc_scenario_run(&job);
		return 0;
	}
	/* A library of unknown code may keep state between calls: each of
	 * its requests gets a worker of its own (worker.h). */
	return sc_run(&job) && req->backend != SC_BACKEND_IMPL;
}

/* Moves the socket to its slot and closes everything else; on failure
 * the reason is the reply. */
static int prepare_fds(const struct sc_request *req, int *fd, struct sc_text *out)
{
	char name[SC_NAME_MAX];
	int slot = reply_slot(req);
	if (slot < 0) {
		sc_text_str(out, "result broken worker: no free fd for the reply socket\n");
		return -1;
	}
	if (slot != *fd) {
		if (dup3(*fd, slot, O_CLOEXEC) < 0) {
			sc_text_printf(out, "result broken worker: dup3(%d): %s\n", slot, sc_errno_name(errno, name));
			return -1;
		}
		close(*fd);
		*fd = slot;
	}
	int rc = close_others(*fd);
	if (rc < 0) {
		sc_text_printf(out, "result broken worker: /proc/self/fd: %s\n", sc_errno_name(-rc, name));
		return -1;
	}
	return 0;
}

/* The next request's payload (malloc'd), or NULL at end of input. */
static unsigned char *read_request(int fd, size_t *len)
{
	uint32_t n;
	if (read_all(fd, &n, sizeof n) < 0 || n > SC_WIRE_MAX_PAYLOAD)
		return NULL;
	unsigned char *p = malloc(n ? n : 1);
	if (p && read_all(fd, p, n) < 0) {
		free(p);
		return NULL;
	}
	*len = n;
	return p;
}

/* One request: decoded, performed, answered. 1 when the worker stays. */
static int serve(const unsigned char *payload, size_t len, const struct sc_session *session, int *fd)
{
	static char *no_environ[] = {NULL};
	static const char oom[] = "result broken worker: out of memory\nend\n";
	struct sc_request req;
	struct sc_text out = {0};
	char err[256];
	int stay = 0;
	if (sc_request_decode(payload, len, &req, err, sizeof err) < 0) {
		sc_text_printf(&out, "result broken protocol: %s\n", err);
	} else {
		int64_t deadline_ns = sc_now_ns() + (int64_t)req.timeout_ms * SC_MS;
		if (prepare_fds(&req, fd, &out) == 0)
			stay = perform(&req, session, *fd, deadline_ns, &out);
		/* environ points into the request. */
		environ = no_environ;
		sc_request_free(&req);
	}
	sc_text_str(&out, "end\n");
	const char *body = sc_text_failed(&out) ? oom : out.buf;
	uint32_t n = (uint32_t)(sc_text_failed(&out) ? sizeof oom - 1 : out.len);
	unsigned char head[5];
	memcpy(head, &n, sizeof n);
	head[4] = (unsigned char)(stay && !sc_text_failed(&out));
	int sent = write_all(*fd, (const char *)head, sizeof head) == 0 && write_all(*fd, body, n) == 0;
	sc_text_free(&out);
	return sent && head[4];
}

_Noreturn void sc_worker_serve(const struct sc_session *session, int fd)
{
	for (;;) {
		size_t len;
		unsigned char *payload = read_request(fd, &len);
		if (!payload)
			_exit(0);
		int stay = serve(payload, len, session, &fd);
		free(payload);
		if (!stay)
			_exit(0);
	}
}
