/* pgroup-existing: POSIX_SPAWN_SETPGROUP with a non-zero pgroup puts the
 * child in that existing group. A case cannot name one (pids vary), so a
 * helper process leads a fresh group and waits, holding it, until the
 * worker closes a pipe; the probe is spawned into the helper's group.
 * Keys: ret <0|ERR>, group <the helper's pgid>, probe-pgid <n> (absent when
 * the probe did not report). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "children.h"
#include "names.h"
#include "scenario.h"
#include "scenario_probe.h"

static _Noreturn void group_leader(int rfd)
{
	char c;
	while (read(rfd, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static int spawn_into(const struct sc_job *job, pid_t group, struct sc_text *lines, char *why, size_t whylen)
{
	const struct sc_backend *b = job->backend;
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return sc_scenario_fail(why, whylen, "posix_spawnattr_init", err);
	err = b->attr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	if (!err)
		err = b->attr_setpgroup(&attr, group);
	char *envp[] = {NULL};
	pid_t pid = -1;
	int ret = err ? 0 : sc_probe_spawn(job, &attr, envp, &pid);
	b->attr_destroy(&attr);
	if (err)
		return sc_scenario_fail(why, whylen, "posix_spawnattr_set*", err);
	char name[SC_NAME_MAX];
	sc_field(lines, SC_F_pgroup_ret, "%s", sc_errno_name(ret, name));
	sc_field(lines, SC_F_pgroup_group, "%d", (int)group);
	struct sc_text report = {0}, pgid = {0};
	if (sc_probe_collect(job, pid, &report) == 0) {
		sc_report_values(&report, "pgid", &pgid);
		sc_field_start(lines, SC_F_pgroup_probe_pgid);
		sc_text_bytes(lines, pgid.buf, pgid.len);
		sc_text_str(lines, "\n");
	}
	int failed = sc_text_failed(&report) || sc_text_failed(&pgid);
	sc_text_free(&report);
	sc_text_free(&pgid);
	return failed ? sc_scenario_fail(why, whylen, "report", ENOMEM) : 0;
}

int sc_scenario_pgroup(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return sc_scenario_fail(why, whylen, "pipe2", errno);
	pid_t leader = fork();
	if (leader == 0) {
		close(p[1]);
		setpgid(0, 0);
		group_leader(p[0]);
	}
	if (leader < 0) {
		int err = errno;
		close(p[0]);
		close(p[1]);
		return sc_scenario_fail(why, whylen, "fork", err);
	}
	close(p[0]);
	/* Both sides set it, so the group exists whichever runs first. */
	int rc = setpgid(leader, leader) != 0 ? sc_scenario_fail(why, whylen, "setpgid", errno)
	                                      : spawn_into(job, leader, lines, why, whylen);
	close(p[1]);
	int status;
	sc_wait_or_kill(leader, &status, job->deadline_ns);
	return rc;
}
