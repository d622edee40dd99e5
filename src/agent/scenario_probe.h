/* scenario_probe.h — the probe as a scenario's program: spawned through
 * the backend under test with argv {"probe"} and no file actions, waited
 * for, and its report taken (which also removes it from the scratch). */
#ifndef SPAWNCHECK_AGENT_SCENARIO_PROBE_H
#define SPAWNCHECK_AGENT_SCENARIO_PROBE_H

#include <spawn.h>
#include <sys/types.h>

#include "job.h"
#include "text.h"

/* The backend's posix_spawn of the probe; its return value. *pid is -1
 * unless the call set it. attr may be NULL. */
int sc_probe_spawn(const struct sc_job *job, const posix_spawnattr_t *attr, char *const envp[], pid_t *pid);

/* The nine ways a caller hands over file actions and attributes: a NULL
 * pointer, an object initialised and left empty (or default), or one with
 * something harmless in it (an addopen of /dev/null onto fd SC_PATH_FD; the
 * caller's own mask as SETSIGMASK). An implementation may take a different
 * road for each (a fast vfork path for NULL, a fork otherwise). */
#define SC_PATHS 9
#define SC_PATH_FD 40
const char *sc_path_name(unsigned path);  /* "fa=empty,attr=null" */
/* sc_probe_spawn along path % SC_PATHS; a failing _init or builder or
 * setter is the call's error. */
int sc_probe_spawn_path(const struct sc_job *job, unsigned path, char *const envp[], pid_t *pid);
/* Waits for pid until the request's deadline (then kills it) and appends
 * its report to report (NULL: read and dropped). 0 when it reported, else
 * -errno (-ENOENT: it did not report, -ECHILD: no such child). */
int sc_probe_collect(const struct sc_job *job, pid_t pid, struct sc_text *report);
/* Appends " <value>" to out for every report line "<key> <value>", in
 * order: "env" gives " x<hex> x<hex>…", "pgid" gives " <n>". */
void sc_report_values(const struct sc_text *report, const char *key, struct sc_text *out);

#endif
