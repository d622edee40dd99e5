/* spawncheck-probe: the program every case runs. It reports what the
 * spawned child sees, through a file next to its own executable, and takes
 * no configuration from its arguments or environment: those are what it
 * observes. See docs/protocol.md, "Probe report". */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <unistd.h>

#include "probe.h"

/* Static: the fd table alone is too large for a small target stack. */
static struct observation obs;

int main(int argc, char **argv)
{
	(void)argc;
	obs.argv = argv;
	obs.envp = environ;
	observe_process(&obs);
	observe_signals(&obs);
	/* Last: it is the only observation that opens an fd. */
	if (observe_fds(&obs, -1) < 0)
		return PROBE_EXIT_UNREPORTABLE;
	if (report_write(&obs) < 0)
		return PROBE_EXIT_UNREPORTABLE;
	return 0;
}
