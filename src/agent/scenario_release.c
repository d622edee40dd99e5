/* spawn-release: when does the backend's posix_spawn let the caller go?
 * Under Linux it waits for the child's exec (glibc, musl: the error, if
 * any, is known on return) but not for the program's exit. Right after
 * each of PARAM (default 20) successful calls, the caller looks at what
 * /proc/<pid>/exe of the child leads to: still the caller's own image (it
 * returned before the exec), the program (released at exec, the program
 * still running), or nothing (the child has already exited).
 * Keys: spawns <n>, caller-image <n>, program <n>, gone <n>, other <n>,
 * errors <n> (calls that did not return 0). */
#define _GNU_SOURCE

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "scenario.h"
#include "scenario_probe.h"

enum image { IMAGE_CALLER, IMAGE_PROGRAM, IMAGE_GONE, IMAGE_OTHER, IMAGE_COUNT };

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static enum image image_of(pid_t pid, const struct stat *caller, const struct stat *program)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	/* A zombie has no mm, so its exe link is gone (ENOENT). */
	if (stat(path, &st) != 0)
		return IMAGE_GONE;
	if (same_file(&st, program))
		return IMAGE_PROGRAM;
	return same_file(&st, caller) ? IMAGE_CALLER : IMAGE_OTHER;
}

int sc_scenario_release(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	unsigned n = job->req->has_param ? job->req->param : 5 * SC_PATHS;
	struct stat caller, program;
	if (stat("/proc/self/exe", &caller) != 0)
		return sc_scenario_fail(why, whylen, "stat(/proc/self/exe)", errno);
	if (stat(job->probe, &program) != 0)
		return sc_scenario_fail(why, whylen, "stat(probe)", errno);
	unsigned count[IMAGE_COUNT] = {0}, errors = 0, early[SC_PATHS] = {0}, running[SC_PATHS] = {0};
	char *envp[] = {NULL};
	for (unsigned i = 0; i < n; i++) {
		pid_t pid;
		if (sc_probe_spawn_path(job, i, envp, &pid) != 0) {
			errors++;
			continue;
		}
		enum image im = image_of(pid, &caller, &program);
		count[im]++;
		early[i % SC_PATHS] += im == IMAGE_CALLER;
		running[i % SC_PATHS] += im == IMAGE_PROGRAM;
		sc_probe_collect(job, pid, NULL);
	}
	sc_field(lines, SC_F_release_spawns, "%u", n);
	sc_field(lines, SC_F_release_errors, "%u", errors);
	sc_field(lines, SC_F_release_caller_image, "%u", count[IMAGE_CALLER]);
	sc_field(lines, SC_F_release_program, "%u", count[IMAGE_PROGRAM]);
	sc_field(lines, SC_F_release_gone, "%u", count[IMAGE_GONE]);
	sc_field(lines, SC_F_release_other, "%u", count[IMAGE_OTHER]);
	for (unsigned p = 0; p < SC_PATHS && p < n; p++)
		sc_field(lines, SC_F_release_path, "%s %u %u", sc_path_name(p), early[p], running[p]);
	return 0;
}
