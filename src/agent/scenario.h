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

#define SC_SCENARIO(id, name, needs_primitive) sc_scenario_fn sc_scenario_##id;
#include "scenarios.def"

/* The reply fields of every scenario (scenarios.def). */
enum sc_field {
#define SC_FIELD(scenario, id, key, type, presence) SC_F_##scenario##_##id,
#include "scenarios.def"
};

/* One whole `scenario <key> <value>` line. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void sc_field(struct sc_text *lines, enum sc_field f, const char *fmt, ...);
/* `scenario <key>` alone: the caller appends " <word>"s and the newline. */
void sc_field_start(struct sc_text *lines, enum sc_field f);

/* The scenario's busy-wait in the child: PARAM ms if given, else 20. */
unsigned sc_scenario_window_ms(const struct sc_job *job);
/* "<call>: <ERRNAME>" into why; returns -1. */
int sc_scenario_fail(char *why, size_t whylen, const char *call, int err);
/* Waits for a launched child until the request's deadline (then kills
 * it); 0 once reaped, else -1 with why. */
int sc_scenario_reap(const struct sc_job *job, pid_t pid, char *why, size_t whylen);

#endif
