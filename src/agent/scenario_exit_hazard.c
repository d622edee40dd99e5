/* exit-hazard: a child whose exec failed must end with _exit. One that
 * calls exit() runs the caller's atexit handlers and flushes its stdio
 * buffers a second time (vfork(2), TLPI 24.3). The caller leaves an
 * unflushed "canary" in a stdio buffer and an atexit handler that writes
 * through its own fd, then spawns a program that does not exist.
 * Keys: ret <ERR|0>, canary-count <n>, atexit-ran 0|1. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "children.h"
#include "names.h"
#include "scenario.h"

static const char canary[] = "canary\n", marker[] = "atexit\n";
static int marker_fd = -1;

static void at_exit(void)
{
	if (marker_fd >= 0 && write(marker_fd, marker, sizeof marker - 1) < 0)
		marker_fd = -1;
}

static size_t count(const struct sc_text *t, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (size_t i = 0; i + len <= t->len; i++)
		if (memcmp(t->buf + i, needle, len) == 0)
			n++;
	return n;
}

static int read_back(const char *path, struct sc_text *t)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	char buf[4096];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0)
		sc_text_bytes(t, buf, (size_t)r);
	close(fd);
	return r < 0 ? -EIO : 0;
}

int sc_scenario_exit_hazard(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/exit-hazard.out", job->root);
	/* Both writers append: a second flush must add a second canary, not
	 * overwrite the marker at a shared offset. */
	marker_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
	if (marker_fd < 0)
		return sc_scenario_fail(why, whylen, "open(exit-hazard.out)", errno);
	FILE *f = fopen(path, "a");
	if (!f || fputs(canary, f) == EOF || atexit(at_exit) != 0) {
		int err = errno;
		if (f)
			fclose(f);
		close(marker_fd);
		unlink(path);
		return sc_scenario_fail(why, whylen, "fopen(exit-hazard.out)", err);
	}
	char arg0[] = "no-such-program";
	char *argv[] = {arg0, NULL};
	char *envp[] = {NULL};
	pid_t pid = -1;
	int ret = job->backend->spawn(&pid, arg0, NULL, NULL, argv, envp);
	int status;
	if (pid > 0)
		sc_wait_or_kill(pid, &status, job->deadline_ns);
	fclose(f);
	close(marker_fd);
	marker_fd = -1;
	struct sc_text back = {0};
	int rc = read_back(path, &back);
	unlink(path);
	if (rc == 0) {
		char name[SC_NAME_MAX];
		sc_field(lines, SC_F_exit_hazard_ret, "%s", sc_errno_name(ret, name));
		sc_field(lines, SC_F_exit_hazard_canary_count, "%zu", count(&back, canary));
		sc_field(lines, SC_F_exit_hazard_atexit_ran, "%d", count(&back, marker) > 0);
	}
	sc_text_free(&back);
	return rc < 0 ? sc_scenario_fail(why, whylen, "read(exit-hazard.out)", -rc) : 0;
}
