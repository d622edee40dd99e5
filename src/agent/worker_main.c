/* Inside the worker: fd hygiene, the backend, the caller state, then the
 * spawn or scenario, and the reply body through the reply pipe. */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "backend.h"
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
		if (p->fd == fd || (p->kind >= SC_PFD_PIPE_READ && p->peer == fd))
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
 * stderr and anything else the agent had must not reach the case. */
static int close_others(int keep)
{
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

static void perform(const struct sc_request *req, const struct sc_session *session, int fd,
                    int64_t deadline_ns, struct sc_text *out)
{
	char why[1024], root[PATH_MAX];
	struct sc_backend backend;
	snprintf(root, sizeof root, "%s/root", session->scratch);
	/* The library loads before the caller state exists, so whatever its
	 * constructors do is part of the "before" observation, not the case. */
	if (sc_backend_open(req, &backend, why, sizeof why) < 0) {
		sc_text_printf(out, "result %s\n", why);
		return;
	}
	if (sc_parent_setup(req, root, why, sizeof why) < 0) {
		sc_text_printf(out, "result broken setup: %s\n", why);
		return;
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
	if (req->scenario)
		sc_scenario_run(&job);
	else
		sc_run(&job);
}

/* Moves the reply pipe to its slot and closes everything else; on
 * failure the reason is the reply. */
static int prepare_fds(const struct sc_request *req, int *fd, struct sc_text *out)
{
	char name[SC_NAME_MAX];
	int slot = reply_slot(req);
	if (slot < 0) {
		sc_text_str(out, "result broken worker: no free fd for the reply pipe\n");
		return -1;
	}
	if (slot != *fd) {
		if (dup3(*fd, slot, O_CLOEXEC) < 0) {
			sc_text_printf(out, "result broken worker: dup3(%d): %s\n", slot, sc_errno_name(errno, name));
			return -1;
		}
		*fd = slot;
	}
	int rc = close_others(*fd);
	if (rc < 0) {
		sc_text_printf(out, "result broken worker: /proc/self/fd: %s\n", sc_errno_name(-rc, name));
		return -1;
	}
	return 0;
}

_Noreturn void sc_worker_main(const struct sc_request *req, const struct sc_session *session, int fd,
                    int64_t deadline_ns)
{
	static const char oom[] = "result broken worker: out of memory\nend\n";
	struct sc_text out = {0};
	if (prepare_fds(req, &fd, &out) == 0)
		perform(req, session, fd, deadline_ns, &out);
	sc_text_str(&out, "end\n");
	if (sc_text_failed(&out))
		write_all(fd, oom, sizeof oom - 1);
	else
		write_all(fd, out.buf, out.len);
	_exit(0);
}
