/* spawncheck-agent: the target-side server. Reads request frames on
 * stdin, answers on stdout (docs/protocol.md), until QUIT or end of
 * input. Single-threaded; every RUN happens in a worker process (worker.h).
 *
 *   spawncheck-agent [--clone3-errno NAME]   (clone3_filter.h) */
#define _GNU_SOURCE

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "clone3_filter.h"
#include "frame.h"
#include "environment.h"
#include "hello.h"
#include "request.h"
#include "text.h"
#include "wire.h"
#include "worker.h"

static void protocol_error(struct sc_text *reply, const char *what)
{
	sc_text_printf(reply, "agent %d\nresult broken protocol: %s\nend\n", SC_WIRE_VERSION, what);
}

/* 0, or -1 when the harness can no longer be answered. */
static int send_reply(int type, const struct sc_text *reply)
{
	static const char oom[] = "agent 1\nresult broken agent: out of memory\nend\n";
	static const char big[] = "agent 1\nresult broken agent: reply over the frame limit\nend\n";
	int rc = sc_text_failed(reply) ? sc_frame_write(STDOUT_FILENO, type, oom, sizeof oom - 1)
	                               : sc_frame_write(STDOUT_FILENO, type, reply->buf, reply->len);
	if (rc == -EMSGSIZE)
		rc = sc_frame_write(STDOUT_FILENO, type, big, sizeof big - 1);
	return rc < 0 ? -1 : 0;
}

static int remember(struct sc_session *session, const struct sc_request *req)
{
	char *scratch = strdup(req->scratch), *probe = strdup(req->probe);
	if (!scratch || !probe) {
		free(scratch);
		free(probe);
		return -1;
	}
	free(session->scratch);
	free(session->probe);
	session->scratch = scratch;
	session->probe = probe;
	return 0;
}

/* One request; 1 when the agent should stop (QUIT). */
static int serve(const unsigned char *payload, size_t len, struct sc_session *session, struct sc_text *reply)
{
	struct sc_request req;
	char err[256];
	if (sc_request_decode(payload, len, &req, err, sizeof err) < 0) {
		protocol_error(reply, err);
		return 0;
	}
	int quit = req.msg == SC_MSG_QUIT;
	/* A new HELLO may name another scratch: no worker serves across it. */
	if (req.msg == SC_MSG_HELLO)
		sc_worker_retire();
	if (req.msg == SC_MSG_HELLO && remember(session, &req) < 0)
		protocol_error(reply, "out of memory");
	else if (req.msg == SC_MSG_HELLO)
		sc_hello_reply(reply);
	else if (req.msg == SC_MSG_RUN && !session->scratch)
		protocol_error(reply, "RUN before HELLO");
	else if (req.msg == SC_MSG_RUN)
		sc_worker_run(&req, payload, len, session, reply);
	sc_request_free(&req);
	return quit;
}

/* Serves frames until end of input or QUIT (0), or until the stream is
 * unusable (1). */
static int serve_all(struct sc_session *session)
{
	for (;;) {
		unsigned char *payload;
		size_t len;
		char err[256];
		struct sc_text reply = {0};
		enum sc_frame_status st = sc_frame_read(STDIN_FILENO, &payload, &len, err, sizeof err);
		if (st == SC_FRAME_EOF)
			return 0;
		if (st == SC_FRAME_BAD) {
			/* The stream cannot be resynchronised: answer, then stop. */
			protocol_error(&reply, err);
			send_reply(SC_MSG_RUN_REPLY, &reply);
			sc_text_free(&reply);
			return 1;
		}
		int type = len && payload[0] == SC_MSG_HELLO ? SC_MSG_HELLO_REPLY : SC_MSG_RUN_REPLY;
		int quit = serve(payload, len, session, &reply);
		free(payload);
		int rc = quit ? 0 : send_reply(type, &reply);
		sc_text_free(&reply);
		if (quit || rc < 0)
			return quit ? 0 : 1;
	}
}

int main(int argc, char **argv)
{
	char err[128];
	if (argc == 3 && strcmp(argv[1], "--clone3-errno") == 0) {
		if (sc_clone3_filter(argv[2], err, sizeof err) < 0) {
			fprintf(stderr, "spawncheck-agent: %s\n", err);
			return 2;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: spawncheck-agent [--clone3-errno NAME]\n");
		return 2;
	}
	/* Orphans of a killed worker must come to us to be killed and reaped,
	 * not to init, where they would outlive the run. Where that cannot be
	 * had (qemu-user refuses it) HELLO says so. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
		sc_environment_subreaper(errno);
	if (sc_worker_init() < 0) {
		perror("spawncheck-agent: SIGCHLD setup");
		return 1;
	}
	struct sc_session session = {0};
	int status = serve_all(&session);
	sc_worker_retire();
	free(session.scratch);
	free(session.probe);
	return status;
}
