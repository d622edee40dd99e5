/* scenario.h — in-process experiments (SC_T_SCENARIO). Each appends its
 * `scenario <key> <value…>` lines to lines and returns 0, or -1 with the
 * reason it could not run in why (reported as `result broken <why>`). */
#ifndef SPAWNCHECK_AGENT_SCENARIO_H
#define SPAWNCHECK_AGENT_SCENARIO_H

#include <stddef.h>
#include <sys/types.h>

#include "job.h"
#include "text.h"

typedef int sc_scenario_fn(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen);

sc_scenario_fn sc_scenario_suspend;
sc_scenario_fn sc_scenario_share;
sc_scenario_fn sc_scenario_signal;
sc_scenario_fn sc_scenario_threads;
sc_scenario_fn sc_scenario_concurrent;
sc_scenario_fn sc_scenario_exit_hazard;
sc_scenario_fn sc_scenario_release;
sc_scenario_fn sc_scenario_fatal;
sc_scenario_fn sc_scenario_storm;
sc_scenario_fn sc_scenario_pgroup;
sc_scenario_fn sc_scenario_resetids;
sc_scenario_fn sc_scenario_attr_api;
sc_scenario_fn sc_scenario_environ;
sc_scenario_fn sc_scenario_cloexec;

/* The scenario's busy-wait in the child: PARAM ms if given, else 20. */
unsigned sc_scenario_window_ms(const struct sc_job *job);
/* "<call>: <ERRNAME>" into why; returns -1. */
int sc_scenario_fail(char *why, size_t whylen, const char *call, int err);
/* Waits for a launched child until the request's deadline (then kills
 * it); 0 once reaped, else -1 with why. */
int sc_scenario_reap(const struct sc_job *job, pid_t pid, char *why, size_t whylen);

#endif
