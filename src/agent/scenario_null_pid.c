/* null-pid: POSIX.1-2024 posix_spawn lets the caller pass no pid ("the
 * value stored into the variable pointed to by a non-NULL pid"): the probe
 * and a missing program, each spawned with pid NULL and found afterwards
 * with waitpid(-1). An implementation that writes through the pointer
 * crashes the caller (the agent reports that). Fields: scenarios.def. */
#define _GNU_SOURCE

#include <errno.h>
#include <sys/wait.h>

#include "children.h"
#include "names.h"
#include "probe_report.h"
#include "scenario.h"

/* How the only child ended, for a field: "exited <n>", "signaled <SIG>", "none". */
static void ended(const struct sc_job *job, struct sc_text *lines, enum sc_field f, pid_t *pid)
{
	char name[SC_NAME_MAX];
	int status = 0;
	*pid = sc_wait_any(&status, job->deadline_ns);
	if (*pid <= 0)
		sc_field(lines, f, "none");
	else if (WIFEXITED(status))
		sc_field(lines, f, "exited %d", WEXITSTATUS(status));
	else
		sc_field(lines, f, "signaled %s", sc_signal_name(WTERMSIG(status), name));
}

int sc_scenario_null_pid(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	(void)why;
	(void)whylen;
	char name[SC_NAME_MAX];
	char arg0[] = "probe", missing[] = "no-such-program";
	char *argv[] = {arg0, NULL}, *envp[] = {NULL};
	int ret = job->backend->spawn(NULL, job->probe, NULL, NULL, argv, envp);
	sc_field(lines, SC_F_null_pid_ret, "%s", sc_errno_name(ret, name));
	pid_t pid;
	ended(job, lines, SC_F_null_pid_status, &pid);
	struct sc_text report = {0};
	sc_field(lines, SC_F_null_pid_ran, "%d", pid > 0 && sc_probe_report_take(job->scratch, pid, &report) == 0);
	sc_text_free(&report);
	ret = job->backend->spawn(NULL, missing, NULL, NULL, argv, envp);
	sc_field(lines, SC_F_null_pid_failed_ret, "%s", sc_errno_name(ret, name));
	ended(job, lines, SC_F_null_pid_failed_status, &pid);
	return 0;
}
