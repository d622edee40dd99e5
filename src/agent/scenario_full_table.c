/* full-table: a caller whose descriptor table is full. POSIX.1-2024 has an
 * addopen onto an open fd close it before the open ("if fildes was already
 * an open file descriptor, it shall be closed before the new file is
 * opened"), so such an action needs no free descriptor; an implementation
 * that opens first, or needs one of its own, runs out. Every fd below the
 * soft RLIMIT_NOFILE (lowered to LIMIT) is open: fd 5 on full.txt, the
 * rest close-on-exec on /dev/null, so the program only has fd 5. Fields:
 * scenarios.def. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "names.h"
#include "probe_report.h"
#include "scenario.h"

#define LIMIT 64
#define TARGET 5

struct files {
	char full[PATH_MAX], other[PATH_MAX];
	struct stat full_st, other_st;
};

struct fd5 {
	const struct files *f;
	const char *what;
};

/* The report's `fd 5 ... dev=<maj>:<min> ino=<n> ...` line, if any. */
static void fd5_line(const char *line, size_t len, void *ctx)
{
	struct fd5 *r = ctx;
	char buf[512];
	if (len >= sizeof buf || len < 5 || memcmp(line, "fd 5 ", 5) != 0)
		return;
	memcpy(buf, line, len);
	buf[len] = '\0';
	unsigned major, minor;
	unsigned long long ino;
	const char *dev = strstr(buf, " dev=");
	if (!dev || sscanf(dev, " dev=%u:%u ino=%llu", &major, &minor, &ino) != 3)
		return;
	if (ino == (unsigned long long)r->f->other_st.st_ino)
		r->what = "other";
	else if (ino == (unsigned long long)r->f->full_st.st_ino)
		r->what = "full";
	else
		r->what = "something-else";
}

static int make_file(const char *path, struct stat *st)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	int rc = write(fd, "x", 1) == 1 && fstat(fd, st) == 0 ? 0 : -errno;
	close(fd);
	return rc;
}

/* Every fd below the limit open: TARGET on full.txt, the others on
 * /dev/null close-on-exec. */
static int fill(const struct files *f)
{
	int fd = open(f->full, O_RDONLY);
	if (fd < 0 || (fd != TARGET && (dup2(fd, TARGET) < 0 || close(fd) < 0)))
		return -errno;
	for (;;) {
		int n = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (n < 0)
			return errno == EMFILE ? 0 : -errno;
	}
}

static void spawn_one(const struct sc_job *job, const struct files *f, char *program, enum sc_field ret_field,
                      enum sc_field status_field, struct sc_text *lines, const char **fd5)
{
	const struct sc_backend *b = job->backend;
	char name[SC_NAME_MAX], arg0[] = "probe";
	char *argv[] = {arg0, NULL}, *envp[] = {NULL};
	char other[PATH_MAX];
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	snprintf(other, sizeof other, "%s", f->other);
	int ret = b->fa_init(&fa);
	if (!ret) {
		ret = b->fa_addopen(&fa, TARGET, other, O_RDONLY, 0);
		if (!ret)
			ret = b->spawn(&pid, program, &fa, NULL, argv, envp);
		b->fa_destroy(&fa);
	}
	sc_field(lines, ret_field, "%s", sc_errno_name(ret, name));
	int status = 0;
	int rc = pid > 0 ? sc_wait_or_kill(pid, &status, job->deadline_ns) : -ECHILD;
	if (rc <= 0)
		sc_field(lines, status_field, "none");
	else if (WIFEXITED(status))
		sc_field(lines, status_field, "exited %d", WEXITSTATUS(status));
	else
		sc_field(lines, status_field, "signaled %s", sc_signal_name(WTERMSIG(status), name));
	struct sc_text report = {0};
	struct fd5 r = {f, "closed"};
	if (pid > 0 && sc_probe_report_take(job->scratch, pid, &report) == 0)
		sc_lines(&report, fd5_line, &r);
	else
		r.what = "none";
	sc_text_free(&report);
	if (fd5)
		*fd5 = r.what;
}

int sc_scenario_full_table(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	struct files f;
	snprintf(f.full, sizeof f.full, "%s/full.txt", job->root);
	snprintf(f.other, sizeof f.other, "%s/other.txt", job->root);
	int rc = make_file(f.full, &f.full_st);
	if (rc == 0)
		rc = make_file(f.other, &f.other_st);
	struct rlimit rl;
	if (rc == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > LIMIT) {
		rl.rlim_cur = LIMIT;
		rc = setrlimit(RLIMIT_NOFILE, &rl) == 0 ? 0 : -errno;
	}
	if (rc == 0)
		rc = fill(&f);
	if (rc == 0) {
		const char *fd5 = NULL;
		char missing[] = "no-such-program", probe[PATH_MAX];
		snprintf(probe, sizeof probe, "%s", job->probe);
		spawn_one(job, &f, probe, SC_F_full_table_open_ret, SC_F_full_table_open_status, lines, &fd5);
		sc_field(lines, SC_F_full_table_open_fd, "%s", fd5);
		spawn_one(job, &f, missing, SC_F_full_table_missing_ret, SC_F_full_table_missing_status, lines, NULL);
	}
	unlink(f.full);
	unlink(f.other);
	return rc < 0 ? sc_scenario_fail(why, whylen, "full-table set-up", -rc) : 0;
}
