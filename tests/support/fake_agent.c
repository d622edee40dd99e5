/* fake_agent — speaks the agent protocol (docs/protocol.md) with canned
 * replies, so the harness can be shown replies no real agent sends: it
 * answers HELLO with a native glibc agent's HELLO and the n-th RUN with the
 * contents of the file named by argument 1 + n % (the number of them),
 * until QUIT or end of input: one file for the same reply every time,
 * several for replies that change from one run to the next. */
#define _GNU_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "frame.h"
#include "wire.h"

static const char hello[] = "agent 1\nlibc glibc\narch x86_64\nvm-shared 1\nclone3 ok\nsubreaper ok\nend\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: fake_agent REPLY-FILE...\n");
		return 2;
	}
	for (unsigned long runs = 0;; runs++) {
		unsigned char *payload;
		size_t len;
		char err[256];
		if (sc_frame_read(STDIN_FILENO, &payload, &len, err, sizeof err) != SC_FRAME_OK)
			return 0;
		int msg = len ? payload[0] : 0;
		free(payload);
		if (msg == SC_MSG_QUIT)
			return 0;
		if (msg == SC_MSG_HELLO) {
			sc_frame_write(STDOUT_FILENO, SC_MSG_HELLO_REPLY, hello, sizeof hello - 1);
			runs--;
			continue;
		}
		static char reply[1 << 16];
		FILE *f = fopen(argv[1 + runs % (unsigned long)(argc - 1)], "rb");
		size_t n = f ? fread(reply, 1, sizeof reply, f) : 0;
		if (f)
			fclose(f);
		sc_frame_write(STDOUT_FILENO, SC_MSG_RUN_REPLY, reply, n);
	}
}
