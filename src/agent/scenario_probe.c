/* The probe as a scenario's program (scenario_probe.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>

#include "children.h"
#include "probe_report.h"
#include "scenario_probe.h"

int sc_probe_spawn(const struct sc_job *job, const posix_spawnattr_t *attr, char *const envp[], pid_t *pid)
{
	char arg0[] = "probe";
	char *argv[] = {arg0, NULL};
	*pid = -1;
	return job->backend->spawn(pid, job->probe, NULL, attr, argv, envp);
}

static const char *const path_names[SC_PATHS] = {
	"fa=null,attr=null",  "fa=null,attr=default",  "fa=null,attr=set",
	"fa=empty,attr=null", "fa=empty,attr=default", "fa=empty,attr=set",
	"fa=some,attr=null",  "fa=some,attr=default",  "fa=some,attr=set",
};

const char *sc_path_name(unsigned path)
{
	return path_names[path % SC_PATHS];
}

int sc_probe_spawn_path(const struct sc_job *job, unsigned path, char *const envp[], pid_t *pid)
{
	const struct sc_backend *b = job->backend;
	const unsigned fa_kind = path % SC_PATHS / 3, attr_kind = path % 3;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int have_fa = 0, have_attr = 0, rc = 0;
	char arg0[] = "probe", devnull[] = "/dev/null";
	char *argv[] = {arg0, NULL};
	*pid = -1;
	if (fa_kind > 0) {
		rc = b->fa_init(&fa);
		have_fa = rc == 0;
		if (!rc && fa_kind == 2)
			rc = b->fa_addopen(&fa, SC_PATH_FD, devnull, O_RDONLY, 0);
	}
	if (!rc && attr_kind > 0) {
		rc = b->attr_init(&attr);
		have_attr = rc == 0;
		sigset_t mask;
		if (!rc && attr_kind == 2 && sigprocmask(SIG_BLOCK, NULL, &mask) == 0) {
			rc = b->attr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
			if (!rc)
				rc = b->attr_setsigmask(&attr, &mask);
		}
	}
	if (!rc)
		rc = b->spawn(pid, job->probe, have_fa ? &fa : NULL, have_attr ? &attr : NULL, argv, envp);
	if (have_fa)
		b->fa_destroy(&fa);
	if (have_attr)
		b->attr_destroy(&attr);
	return rc;
}

int sc_probe_collect(const struct sc_job *job, pid_t pid, struct sc_text *report)
{
	if (pid <= 0)
		return -ECHILD;
	int status;
	int rc = sc_wait_or_kill(pid, &status, job->deadline_ns);
	if (rc < 0)
		return rc;
	struct sc_text dropped = {0};
	rc = sc_probe_report_take(job->scratch, pid, report ? report : &dropped);
	sc_text_free(&dropped);
	return rc;
}

struct values {
	const char *key;
	size_t keylen;
	struct sc_text *out;
};

static void value(const char *line, size_t len, void *ctx)
{
	struct values *v = ctx;
	if (len > v->keylen && memcmp(line, v->key, v->keylen) == 0 && line[v->keylen] == ' ')
		sc_text_bytes(v->out, line + v->keylen, len - v->keylen);
}

void sc_report_values(const struct sc_text *report, const char *key, struct sc_text *out)
{
	struct values v = {key, strlen(key), out};
	sc_lines(report, value, &v);
}
