/* probe_report.h — the report a probe left in <scratch>/sc/. */
#ifndef SPAWNCHECK_AGENT_PROBE_REPORT_H
#define SPAWNCHECK_AGENT_PROBE_REPORT_H

#include <sys/types.h>

#include "text.h"

/* Appends the contents of <scratch>/sc/report.<pid> to report and removes
 * the file, so no later RUN can read it; 0 or -errno (-ENOENT: the
 * program did not report). */
int sc_probe_report_take(const char *scratch, pid_t pid, struct sc_text *report);

/* Calls fn for every line of text (without its newline). */
void sc_lines(const struct sc_text *text, void (*fn)(const char *line, size_t len, void *ctx), void *ctx);

#endif
