/* resetids: POSIX_SPAWN_RESETIDS gives the child the caller's real ids as
 * its effective ids. Only a privileged caller can make its effective ids
 * differ from its real ones, so the worker, if root, takes effective uid
 * and gid 65534 (keeping 0 as real and saved ids to come back), spawns the
 * probe with RESETIDS, and returns to 0 before anything else.
 * Keys: privileged 0|1; when 1: ret <0|ERR>, real-ids <uid> <gid> and
 * effective-ids <uid> <gid> of the caller during the call, ids <uid>
 * <euid> <gid> <egid> from the probe (absent when it did not report). */
#define _GNU_SOURCE

#include <errno.h>
#include <unistd.h>

#include "names.h"
#include "scenario.h"
#include "scenario_probe.h"

#define UNPRIVILEGED 65534

static int spawn_unprivileged(const struct sc_job *job, const posix_spawnattr_t *attr, pid_t *pid, int *ret,
                              char *why, size_t whylen)
{
	char *envp[] = {NULL};
	if (setresgid((gid_t)-1, UNPRIVILEGED, (gid_t)-1) != 0)
		return sc_scenario_fail(why, whylen, "setresgid", errno);
	if (setresuid((uid_t)-1, UNPRIVILEGED, (uid_t)-1) != 0) {
		int err = errno;
		setresgid((gid_t)-1, 0, (gid_t)-1);
		return sc_scenario_fail(why, whylen, "setresuid", err);
	}
	*ret = sc_probe_spawn(job, attr, envp, pid);
	/* The real and saved ids are still 0, which allows both. */
	if (setresuid((uid_t)-1, 0, (uid_t)-1) != 0 || setresgid((gid_t)-1, 0, (gid_t)-1) != 0)
		return sc_scenario_fail(why, whylen, "setresuid(back to 0)", errno);
	return 0;
}

static int report_ids(const struct sc_job *job, pid_t pid, int ret, struct sc_text *lines)
{
	char name[SC_NAME_MAX];
	sc_field(lines, SC_F_resetids_privileged, "1");
	sc_field(lines, SC_F_resetids_ret, "%s", sc_errno_name(ret, name));
	sc_field(lines, SC_F_resetids_real_ids, "0 0");
	sc_field(lines, SC_F_resetids_effective_ids, "%d %d", UNPRIVILEGED, UNPRIVILEGED);
	struct sc_text report = {0};
	if (sc_probe_collect(job, pid, &report) == 0) {
		sc_field_start(lines, SC_F_resetids_ids);
		sc_report_values(&report, "ids", lines);
		sc_text_str(lines, "\n");
	}
	int failed = sc_text_failed(&report);
	sc_text_free(&report);
	return failed ? -1 : 0;
}

int sc_scenario_resetids(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	if (geteuid() != 0 || getuid() != 0) {
		sc_field(lines, SC_F_resetids_privileged, "0");
		return 0;
	}
	const struct sc_backend *b = job->backend;
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return sc_scenario_fail(why, whylen, "posix_spawnattr_init", err);
	pid_t pid = -1;
	int ret = 0, rc = 0;
	err = b->attr_setflags(&attr, POSIX_SPAWN_RESETIDS);
	if (err)
		rc = sc_scenario_fail(why, whylen, "posix_spawnattr_setflags", err);
	else
		rc = spawn_unprivileged(job, &attr, &pid, &ret, why, whylen);
	b->attr_destroy(&attr);
	if (rc < 0) {
		sc_probe_collect(job, pid, NULL);
		return -1;
	}
	return report_ids(job, pid, ret, lines) < 0 ? sc_scenario_fail(why, whylen, "report", ENOMEM) : 0;
}
