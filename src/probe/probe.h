/* probe.h — spawncheck-probe's own parts: exit status and report file.
 *
 * The probe observes everything before it opens its report file, so the
 * report channel cannot show up in the observation (docs/protocol.md,
 * "Probe report"). Storage is static: the probe never allocates itself.
 */
#ifndef SPAWNCHECK_PROBE_H
#define SPAWNCHECK_PROBE_H

#include "observe.h"

/* Exit status when no report could be written (or the observation would be
 * untrue). 126 and 127 are what a spawn implementation's failed child exits
 * with, so 125 (env(1)'s "the tool itself failed") cannot be mistaken for
 * them; the harness sees a missing report and treats the run as BROKEN. */
#define PROBE_EXIT_UNREPORTABLE 125

/* Writes <dir of /proc/self/exe>/report.<pid>; 0 or -errno. */
int report_write(const struct observation *obs);

#endif
