/* Scenario dispatch (scenario.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "children.h"
#include "names.h"
#include "scenario.h"

static const struct {
	const char *name;
	sc_scenario_fn *run;
	int needs_primitive;   /* runs a child in the creation primitive's window */
} scenarios[] = {
#define SC_SCENARIO(id, name, needs_primitive) {name, sc_scenario_##id, needs_primitive},
#include "scenarios.def"
};

static const char *const field_keys[] = {
#define SC_FIELD(scenario, id, key, type, presence) key,
#include "scenarios.def"
};

void sc_field_start(struct sc_text *lines, enum sc_field f)
{
	sc_text_printf(lines, "scenario %s", field_keys[f]);
}

void sc_field(struct sc_text *lines, enum sc_field f, const char *fmt, ...)
{
	va_list ap;
	sc_text_printf(lines, "scenario %s ", field_keys[f]);
	va_start(ap, fmt);
	sc_text_vprintf(lines, fmt, ap);
	va_end(ap);
	sc_text_str(lines, "\n");
}

unsigned sc_scenario_window_ms(const struct sc_job *job)
{
	return job->req->has_param ? job->req->param : 20;
}

int sc_scenario_fail(char *why, size_t whylen, const char *call, int err)
{
	char name[SC_NAME_MAX];
	snprintf(why, whylen, "%s: %s", call, sc_errno_name(err, name));
	return -1;
}

int sc_scenario_reap(const struct sc_job *job, pid_t pid, char *why, size_t whylen)
{
	int status;
	int rc = sc_wait_or_kill(pid, &status, job->deadline_ns);
	if (rc == 0)
		return sc_scenario_fail(why, whylen, "waitpid", ETIMEDOUT);
	return rc < 0 ? sc_scenario_fail(why, whylen, "waitpid", -rc) : 0;
}

void sc_scenario_run(const struct sc_job *job)
{
	struct sc_text *out = job->out;
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		if (strcmp(scenarios[i].name, job->req->scenario) != 0)
			continue;
		if (scenarios[i].needs_primitive && job->backend->primitive == SC_PRIM_NONE) {
			sc_text_str(out, "result unsupported impl has no vfork symbol\n");
			return;
		}
		struct sc_text lines = {0};
		char why[512];
		if (scenarios[i].run(job, &lines, why, sizeof why) < 0) {
			sc_text_printf(out, "result broken %s\n", why);
		} else {
			sc_text_str(out, "result ok\n");
			sc_text_bytes(out, lines.buf, lines.len);
			sc_text_printf(out, "zombies %u\n", sc_reap_zombies());
		}
		if (sc_text_failed(&lines))
			out->failed = 1;
		sc_text_free(&lines);
		return;
	}
	sc_text_printf(out, "result broken protocol: unknown scenario %s\n", job->req->scenario);
}
