/* Scenario dispatch (scenario.h). */
#define _GNU_SOURCE

#include <errno.h>
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
	{"vfork-suspend", sc_scenario_suspend, 1},
	{"vfork-share", sc_scenario_share, 1},
	{"vfork-signal", sc_scenario_signal, 1},
	{"vfork-threads", sc_scenario_threads, 1},
	{"concurrent-spawn", sc_scenario_concurrent, 0},
	{"exit-hazard", sc_scenario_exit_hazard, 0},
	{"spawn-release", sc_scenario_release, 0},
	{"vfork-fatal-signal", sc_scenario_fatal, 1},
	{"signal-storm", sc_scenario_storm, 0},
	{"pgroup-existing", sc_scenario_pgroup, 0},
	{"resetids", sc_scenario_resetids, 0},
	{"attr-api", sc_scenario_attr_api, 0},
	{"environ-intact", sc_scenario_environ, 0},
	{"concurrent-cloexec", sc_scenario_cloexec, 0},
};

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
