/* resetids: POSIX_SPAWN_RESETIDS gives the child the caller's real ids as
 * its effective ids, and without it the child keeps the caller's
 * effective ids. Only a privileged caller can make the two differ, so the
 * worker, if root, spawns the probe twice, keeping 0 as its saved ids to
 * come back to 0 after each: with RESETIDS as real 0, effective 65534,
 * and with an attributes object that lacks it as real 65534, effective 0.
 * Done right, both probes run with effective ids 0, which they need to
 * reach the scratch directory (root's, 0700) and report there.
 * Keys: privileged 0|1; when 1, for each spawn (the second's prefixed
 * unset-): ret <0|ERR>, real-ids <uid> <gid> and effective-ids <uid>
 * <gid> of the caller during the call, ids <uid> <euid> <gid> <egid> from
 * the probe (absent when it did not report). */
#define _GNU_SOURCE

#include <errno.h>
#include <unistd.h>

#include "names.h"
#include "scenario.h"
#include "scenario_probe.h"

#define UNPRIVILEGED 65534

/* One spawn: the caller's ids during it (uid and gid alike), the flags of
 * its attributes object, and the fields it reports in. */
struct spawn {
	unsigned real, effective;
	short flags;
	enum sc_field ret, real_ids, effective_ids, ids;
};

static const struct spawn spawns[] = {
	{0, UNPRIVILEGED, POSIX_SPAWN_RESETIDS, SC_F_resetids_ret, SC_F_resetids_real_ids,
	 SC_F_resetids_effective_ids, SC_F_resetids_ids},
	{UNPRIVILEGED, 0, 0, SC_F_resetids_unset_ret, SC_F_resetids_unset_real_ids,
	 SC_F_resetids_unset_effective_ids, SC_F_resetids_unset_ids},
};

static int spawn_as(const struct sc_job *job, const struct spawn *sp, const posix_spawnattr_t *attr, pid_t *pid,
                    int *ret, char *why, size_t whylen)
{
	char *envp[] = {NULL};
	if (setresgid(sp->real, sp->effective, (gid_t)-1) != 0)
		return sc_scenario_fail(why, whylen, "setresgid", errno);
	if (setresuid(sp->real, sp->effective, (uid_t)-1) != 0) {
		int err = errno;
		setresgid(0, 0, (gid_t)-1);
		return sc_scenario_fail(why, whylen, "setresuid", err);
	}
	*ret = sc_probe_spawn(job, attr, envp, pid);
	/* The saved ids are still 0, which allows both. */
	if (setresuid(0, 0, (uid_t)-1) != 0 || setresgid(0, 0, (gid_t)-1) != 0)
		return sc_scenario_fail(why, whylen, "setresuid(back to 0)", errno);
	return 0;
}

static int report_ids(const struct sc_job *job, const struct spawn *sp, pid_t pid, int ret, struct sc_text *lines)
{
	char name[SC_NAME_MAX];
	sc_field(lines, sp->ret, "%s", sc_errno_name(ret, name));
	sc_field(lines, sp->real_ids, "%u %u", sp->real, sp->real);
	sc_field(lines, sp->effective_ids, "%u %u", sp->effective, sp->effective);
	struct sc_text report = {0};
	if (sc_probe_collect(job, pid, &report) == 0) {
		sc_field_start(lines, sp->ids);
		sc_report_values(&report, "ids", lines);
		sc_text_str(lines, "\n");
	}
	int failed = sc_text_failed(&report);
	sc_text_free(&report);
	return failed ? -1 : 0;
}

static int run_spawn(const struct sc_job *job, const struct spawn *sp, struct sc_text *lines, char *why,
                     size_t whylen)
{
	const struct sc_backend *b = job->backend;
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return sc_scenario_fail(why, whylen, "posix_spawnattr_init", err);
	pid_t pid = -1;
	int ret = 0, rc = 0;
	err = b->attr_setflags(&attr, sp->flags);
	if (err)
		rc = sc_scenario_fail(why, whylen, "posix_spawnattr_setflags", err);
	else
		rc = spawn_as(job, sp, &attr, &pid, &ret, why, whylen);
	b->attr_destroy(&attr);
	if (rc < 0) {
		sc_probe_collect(job, pid, NULL);
		return -1;
	}
	return report_ids(job, sp, pid, ret, lines) < 0 ? sc_scenario_fail(why, whylen, "report", ENOMEM) : 0;
}

int sc_scenario_resetids(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	if (geteuid() != 0 || getuid() != 0) {
		sc_field(lines, SC_F_resetids_privileged, "0");
		return 0;
	}
	sc_field(lines, SC_F_resetids_privileged, "1");
	for (size_t i = 0; i < sizeof spawns / sizeof *spawns; i++)
		if (run_spawn(job, &spawns[i], lines, why, whylen) < 0)
			return -1;
	return 0;
}
