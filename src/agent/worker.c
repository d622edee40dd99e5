/* The agent's side of a RUN: fork the worker, collect its reply while it
 * runs, and turn a worker that died or hung into the reply's result. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "clock.h"
#include "names.h"
#include "worker.h"

/* Beyond the request's timeout, the time a worker gets to kill its own
 * hung child, reap it and write the reply ("wait timeout") before the
 * agent decides the worker itself hung ("result timeout"). */
#define GRACE_NS (1000 * SC_MS)
/* How long orphans get to die after SIGKILL. */
#define CLEANUP_NS (2000 * SC_MS)

/* The agent's mask during waits: SIGCHLD is blocked except inside ppoll,
 * so a worker's exit interrupts the wait without a race. */
static sigset_t wait_mask;

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

/* Reads what is available; 1 at end of file, 0 otherwise. */
static int drain(int fd, struct sc_text *body)
{
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r > 0)
			sc_text_bytes(body, buf, (size_t)r);
		else if (r == 0)
			return 1;
		else if (errno != EINTR)
			return 0;
	}
}

/* 1 when the worker ended (its status in *status, its output in body), 0
 * at the deadline. The pipe can stay open after the worker's exit (a
 * child of the worker holds it), so the worker's exit is what ends the
 * wait, not end of file. */
static int collect(pid_t worker, int fd, int64_t deadline_ns, struct sc_text *body, int *status)
{
	int eof = 0;
	for (;;) {
		if (waitpid(worker, status, WNOHANG) == worker) {
			drain(fd, body);
			return 1;
		}
		int64_t left = deadline_ns - sc_now_ns();
		if (left <= 0)
			return 0;
		struct timespec ts = {.tv_sec = (time_t)(left / 1000000000), .tv_nsec = (long)(left % 1000000000)};
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		if (ppoll(&pfd, eof ? 0 : 1, &ts, &wait_mask) > 0 && pfd.revents)
			eof = drain(fd, body);
	}
}

static int complete(const struct sc_text *body)
{
	static const char end[] = "end\n";
	size_t n = sizeof end - 1;
	return body->len >= n && memcmp(body->buf + body->len - n, end, n) == 0 &&
	       (body->len == n || body->buf[body->len - n - 1] == '\n');
}

static void conclude(int finished, int status, const struct sc_text *body, struct sc_text *reply)
{
	char name[SC_NAME_MAX];
	if (!finished)
		sc_text_str(reply, "result timeout\nend\n");
	else if (WIFSIGNALED(status))
		sc_text_printf(reply, "result crashed %s\nend\n", sc_signal_name(WTERMSIG(status), name));
	else if (WEXITSTATUS(status) != 0)
		sc_text_printf(reply, "result broken worker exited %d\nend\n", WEXITSTATUS(status));
	else if (!complete(body))
		sc_text_str(reply, "result broken worker: truncated reply\nend\n");
	else
		sc_text_bytes(reply, body->buf, body->len);
}

void sc_worker_run(const struct sc_request *req, const struct sc_session *session, struct sc_text *reply)
{
	char name[SC_NAME_MAX];
	sc_text_printf(reply, "agent 1\nbackend %s\n", req->backend_name);
	int64_t deadline_ns = sc_now_ns() + (int64_t)req->timeout_ms * SC_MS;
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0) {
		sc_text_printf(reply, "result broken agent: pipe2: %s\nend\n", sc_errno_name(errno, name));
		return;
	}
	pid_t worker = fork();
	if (worker == 0)
		sc_worker_main(req, session, p[1], deadline_ns);
	int err = errno;
	close(p[1]);
	if (worker < 0) {
		close(p[0]);
		sc_text_printf(reply, "result broken agent: fork: %s\nend\n", sc_errno_name(err, name));
		return;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	struct sc_text body = {0};
	int status = 0;
	int finished = collect(worker, p[0], deadline_ns + GRACE_NS, &body, &status);
	if (!finished)
		sc_wait_or_kill(worker, &status, sc_now_ns());
	close(p[0]);
	conclude(finished, status, &body, reply);
	sc_text_free(&body);
	/* The worker's leftovers are ours now (child subreaper). */
	sc_kill_children(sc_now_ns() + CLEANUP_NS);
}
