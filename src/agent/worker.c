/* The agent's side of a RUN: keep a worker, hand it the request, collect
 * its reply while it runs, and turn a worker that died or hung into the
 * reply's result. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"
#include "names.h"
#include "worker.h"

/* Beyond the request's timeout, the time a worker gets to kill its own
 * hung child, reap it and write the reply ("wait timeout") before the
 * agent decides the worker itself hung ("result timeout"); also what a
 * worker that is told to go gets to exit. */
#define GRACE_NS (1000 * SC_MS)
/* How long orphans get to die after SIGKILL. */
#define CLEANUP_NS (2000 * SC_MS)
/* The worker's reply head: u32 body length, u8 "keeps serving". */
#define HEAD 5

/* The agent's mask during waits: SIGCHLD is blocked except inside ppoll,
 * so a worker's exit interrupts the wait without a race. */
static sigset_t wait_mask;

/* The worker serving requests now; pid -1 when there is none. */
static struct {
	pid_t pid;
	int fd;          /* the agent's end of the socket pair, non-blocking */
	char *backend;   /* the backend name it served */
} worker = {-1, -1, NULL};

static void on_sigchld(int sig)
{
	(void)sig;
}

int sc_worker_init(void)
{
	struct sigaction sa = {.sa_handler = on_sigchld};
	sigemptyset(&sa.sa_mask);
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	if (sigaction(SIGCHLD, &sa, NULL) != 0 || sigprocmask(SIG_BLOCK, &chld, &wait_mask) != 0)
		return -errno;
	sigdelset(&wait_mask, SIGCHLD);
	return 0;
}

/* Waits until fd is ready for events or deadline_ns; 0 at the deadline. */
static int ready(int fd, short events, int64_t deadline_ns)
{
	int64_t left = deadline_ns - sc_now_ns();
	if (left <= 0)
		return 0;
	struct timespec ts = {.tv_sec = (time_t)(left / 1000000000), .tv_nsec = (long)(left % 1000000000)};
	struct pollfd pfd = {.fd = fd, .events = events};
	ppoll(&pfd, fd < 0 ? 0 : 1, &ts, &wait_mask);
	return 1;
}

static int start(const struct sc_session *session, const char *backend)
{
	int sv[2];
	char *name = strdup(backend);
	if (!name)
		return -ENOMEM;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		int err = errno;
		free(name);
		return -err;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		sc_worker_serve(session, sv[1]);
	}
	int err = errno;
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		free(name);
		return -err;
	}
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	worker.pid = pid;
	worker.fd = sv[0];
	worker.backend = name;
	return 0;
}

/* Closing its socket tells the worker to go; one still there at the
 * deadline is killed. Then everything under the agent goes too. */
static void retire(int64_t deadline_ns)
{
	if (worker.fd >= 0)
		close(worker.fd);
	if (worker.pid > 0) {
		int status;
		sc_wait_or_kill(worker.pid, &status, deadline_ns);
	}
	free(worker.backend);
	worker.pid = -1;
	worker.fd = -1;
	worker.backend = NULL;
	sc_kill_children(sc_now_ns() + CLEANUP_NS);
}

void sc_worker_retire(void)
{
	retire(sc_now_ns() + GRACE_NS);
}

/* 0, or -errno (-ETIMEDOUT at the deadline; -EPIPE: the worker is gone). */
static int send_all(const void *buf, size_t n, int64_t deadline_ns)
{
	const char *p = buf;
	while (n) {
		ssize_t w = send(worker.fd, p, n, MSG_NOSIGNAL);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
		} else if (w < 0 && errno != EINTR && errno != EAGAIN) {
			return -errno;
		} else if (w < 0 && errno == EAGAIN && !ready(worker.fd, POLLOUT, deadline_ns)) {
			return -ETIMEDOUT;
		}
	}
	return 0;
}

static int send_request(const unsigned char *payload, size_t len, int64_t deadline_ns)
{
	uint32_t n = (uint32_t)len;
	int rc = send_all(&n, sizeof n, deadline_ns);
	return rc < 0 ? rc : send_all(payload, len, deadline_ns);
}

/* Reads what is available; 1 at end of file, 0 otherwise. */
static int drain(int fd, struct sc_text *in)
{
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r > 0)
			sc_text_bytes(in, buf, (size_t)r);
		else if (r == 0)
			return 1;
		else if (errno != EINTR)
			return 0;
	}
}

static size_t body_len(const struct sc_text *in)
{
	uint32_t n;
	memcpy(&n, in->buf, sizeof n);
	return n;
}

static int framed(const struct sc_text *in)
{
	return !in->failed && in->len >= HEAD && in->len - HEAD >= body_len(in);
}

enum got { GOT_REPLY, GOT_EXIT, GOT_TIMEOUT };

/* Until the reply is complete, the worker ends (*status set, the worker
 * reaped) or the deadline. The socket can stay open after the worker's
 * exit (a child of the worker may hold it), so the exit is watched too. */
static enum got collect(int64_t deadline_ns, struct sc_text *in, int *status)
{
	int eof = 0;
	for (;;) {
		if (!eof)
			eof = drain(worker.fd, in);
		if (framed(in))
			return GOT_REPLY;
		if (waitpid(worker.pid, status, WNOHANG) == worker.pid) {
			worker.pid = -1;
			drain(worker.fd, in);
			return framed(in) ? GOT_REPLY : GOT_EXIT;
		}
		if (!ready(eof ? -1 : worker.fd, POLLIN, deadline_ns))
			return GOT_TIMEOUT;
	}
}

static int complete(const char *body, size_t len)
{
	static const char end[] = "end\n";
	size_t n = sizeof end - 1;
	return len >= n && memcmp(body + len - n, end, n) == 0 && (len == n || body[len - n - 1] == '\n');
}

static void conclude_exit(int status, struct sc_text *reply)
{
	char name[SC_NAME_MAX];
	if (WIFSIGNALED(status))
		sc_text_printf(reply, "result crashed %s\nend\n", sc_signal_name(WTERMSIG(status), name));
	else if (WEXITSTATUS(status) != 0)
		sc_text_printf(reply, "result broken worker exited %d\nend\n", WEXITSTATUS(status));
	else
		sc_text_str(reply, "result broken worker: truncated reply\nend\n");
}

void sc_worker_run(const struct sc_request *req, const unsigned char *payload, size_t len,
                   const struct sc_session *session, struct sc_text *reply)
{
	char name[SC_NAME_MAX];
	sc_text_printf(reply, "agent 1\nbackend %s\n", req->backend_name);
	int64_t deadline_ns = sc_now_ns() + (int64_t)req->timeout_ms * SC_MS;
	/* A scenario or a library of unknown code starts from a worker that
	 * has served nothing, as does a change of backend. */
	int fresh = req->scenario || req->backend == SC_BACKEND_IMPL;
	if (worker.pid > 0 && (fresh || strcmp(worker.backend, req->backend_name) != 0))
		sc_worker_retire();
	if (worker.pid < 0) {
		int rc = start(session, req->backend_name);
		if (rc < 0) {
			sc_text_printf(reply, "result broken agent: fork: %s\nend\n", sc_errno_name(-rc, name));
			return;
		}
	}
	struct sc_text in = {0};
	int status = 0;
	/* A worker that cannot take the request has died: collect says how. */
	enum got got = send_request(payload, len, deadline_ns) == -ETIMEDOUT
	                   ? GOT_TIMEOUT
	                   : collect(deadline_ns + GRACE_NS, &in, &status);
	if (got == GOT_REPLY && complete(in.buf + HEAD, body_len(&in)))
		sc_text_bytes(reply, in.buf + HEAD, body_len(&in));
	else if (got == GOT_REPLY)
		sc_text_str(reply, "result broken worker: truncated reply\nend\n");
	else if (got == GOT_EXIT)
		conclude_exit(status, reply);
	else
		sc_text_str(reply, "result timeout\nend\n");
	int keep = got == GOT_REPLY && worker.pid > 0 && in.buf[4] == 1;
	sc_text_free(&in);
	if (keep)
		sc_kill_orphans(worker.pid, sc_now_ns() + CLEANUP_NS);
	else
		retire(got == GOT_TIMEOUT ? sc_now_ns() : sc_now_ns() + GRACE_NS);
}
