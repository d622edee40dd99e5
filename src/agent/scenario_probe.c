/* The probe as a scenario's program (scenario_probe.h). */
#define _GNU_SOURCE

#include <errno.h>
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
