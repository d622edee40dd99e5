/* attr-api: the posix_spawnattr_* getters and setters through the
 * backend's table. A fresh object's defaults, a setflags with a bit no
 * libc defines, and every getter after its setter.
 * Its reply fields are declared in scenarios.def. */
#define _GNU_SOURCE

#include <signal.h>

#include "names.h"
#include "scenario.h"

/* Unused by glibc (whose flags end at 0x100) and musl (0x80). */
#define UNKNOWN_FLAG 0x1000
#define PGROUP 4242

static void sigs(struct sc_text *t, const sigset_t *set)
{
	const char *sep = " ";
	for (int sig = 1; sig <= 64; sig++) {
		if (sigismember(set, sig) == 1) {
			sc_text_printf(t, "%s%d", sep, sig);
			sep = ",";
		}
	}
	if (*sep == ' ')
		sc_text_str(t, " -");
}

static int defaults(const struct sc_backend *b, struct sc_text *lines)
{
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return err;
	short flags = -1;
	pid_t pgroup = -1;
	sigset_t def;
	sigfillset(&def);
	b->attr_getflags(&attr, &flags);
	b->attr_getpgroup(&attr, &pgroup);
	b->attr_getsigdefault(&attr, &def);
	sc_field(lines, SC_F_attr_api_init_flags, "%d", flags);
	sc_field(lines, SC_F_attr_api_init_pgroup, "%d", (int)pgroup);
	sc_field_start(lines, SC_F_attr_api_init_sigdefault);
	sigs(lines, &def);
	sc_text_str(lines, "\n");
	b->attr_destroy(&attr);
	return 0;
}

static int unknown_flag(const struct sc_backend *b, struct sc_text *lines)
{
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return err;
	char name[SC_NAME_MAX];
	sc_field(lines, SC_F_attr_api_setflags_unknown, "%s", sc_errno_name(b->attr_setflags(&attr, UNKNOWN_FLAG), name));
	b->attr_destroy(&attr);
	return 0;
}

static void set_pair(struct sc_text *lines, enum sc_field what, const sigset_t *set, const sigset_t *got)
{
	sc_field_start(lines, what);
	sigs(lines, set);
	sigs(lines, got);
	sc_text_str(lines, "\n");
}

static int round_trip(const struct sc_backend *b, struct sc_text *lines)
{
	posix_spawnattr_t attr;
	int err = b->attr_init(&attr);
	if (err)
		return err;
	const short flags = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	                    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID;
	sigset_t mask, def, got_mask, got_def;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGTERM);
	sigemptyset(&def);
	sigaddset(&def, SIGHUP);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGPIPE);
	sigemptyset(&got_mask);
	sigemptyset(&got_def);
	short got_flags = 0;
	pid_t got_pgroup = 0;
	char name[SC_NAME_MAX];
	sc_field(lines, SC_F_attr_api_set_flags, "%s", sc_errno_name(b->attr_setflags(&attr, flags), name));
	sc_field(lines, SC_F_attr_api_set_pgroup, "%s", sc_errno_name(b->attr_setpgroup(&attr, PGROUP), name));
	sc_field(lines, SC_F_attr_api_set_sigmask, "%s", sc_errno_name(b->attr_setsigmask(&attr, &mask), name));
	sc_field(lines, SC_F_attr_api_set_sigdefault, "%s", sc_errno_name(b->attr_setsigdefault(&attr, &def), name));
	b->attr_getflags(&attr, &got_flags);
	b->attr_getpgroup(&attr, &got_pgroup);
	b->attr_getsigmask(&attr, &got_mask);
	b->attr_getsigdefault(&attr, &got_def);
	sc_field(lines, SC_F_attr_api_flags, "%d %d", flags, got_flags);
	sc_field(lines, SC_F_attr_api_pgroup, "%d %d", PGROUP, (int)got_pgroup);
	set_pair(lines, SC_F_attr_api_sigmask, &mask, &got_mask);
	set_pair(lines, SC_F_attr_api_sigdefault, &def, &got_def);
	b->attr_destroy(&attr);
	return 0;
}

int sc_scenario_attr_api(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	const struct sc_backend *b = job->backend;
	int err;
	if ((err = defaults(b, lines)) || (err = unknown_flag(b, lines)) || (err = round_trip(b, lines)))
		return sc_scenario_fail(why, whylen, "posix_spawnattr_init", err);
	return 0;
}
