/* environ-intact: the call leaves the caller's environment alone when it
 * is given an envp of its own: the same environ array, the same pointers
 * in it, the same bytes behind them.
 * Keys: ret <0|ERR>, environ-unchanged 0|1, environ-after x<hex>… (the
 * caller's environ after the call; "-" when empty). */
#define _GNU_SOURCE

#include <string.h>
#include <unistd.h>

#include "names.h"
#include "scenario.h"
#include "scenario_probe.h"

extern char **environ;

#define NVARS 3

static char var_a[] = "SC_CALLER_A=1", var_b[] = "SC_CALLER_B=", var_path[] = "PATH=/nonexistent";
static char *const vars[NVARS + 1] = {var_a, var_b, var_path, NULL};
static const char *const bytes[NVARS] = {"SC_CALLER_A=1", "SC_CALLER_B=", "PATH=/nonexistent"};
/* The caller's environ: an array the implementation could write to. */
static char *caller_env[NVARS + 1];

static int unchanged(void)
{
	if (environ != caller_env || memcmp(caller_env, vars, sizeof vars) != 0)
		return 0;
	for (size_t i = 0; i < NVARS; i++)
		if (strcmp(vars[i], bytes[i]) != 0)
			return 0;
	return 1;
}

static void hex_list(struct sc_text *t, char *const *v)
{
	static const char digits[] = "0123456789abcdef";
	if (!v || !*v)
		sc_text_str(t, " -");
	for (; v && *v; v++) {
		sc_text_str(t, " x");
		for (const unsigned char *p = (const unsigned char *)*v; *p; p++) {
			char pair[2] = {digits[*p >> 4], digits[*p & 15]};
			sc_text_bytes(t, pair, 2);
		}
	}
}

int sc_scenario_environ(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	(void)why;
	(void)whylen;
	char own[] = "SC_CHILD=1";
	char *envp[] = {own, NULL};
	memcpy(caller_env, vars, sizeof vars);
	environ = caller_env;
	pid_t pid;
	int ret = sc_probe_spawn(job, NULL, envp, &pid);
	sc_probe_collect(job, pid, NULL);
	char name[SC_NAME_MAX];
	sc_field(lines, SC_F_environ_ret, "%s", sc_errno_name(ret, name));
	sc_field(lines, SC_F_environ_environ_unchanged, "%d", unchanged());
	sc_field_start(lines, SC_F_environ_environ_after);
	hex_list(lines, environ);
	sc_text_str(lines, "\n");
	return 0;
}
