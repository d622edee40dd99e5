/* clone3_filter.h — `spawncheck-agent --clone3-errno NAME`: a seccomp filter
 * under which clone3 fails with that error, for the agent and everything it
 * starts, as container profiles (ENOSYS), qemu-user and old kernels make
 * it fail. `spawncheck capabilities` runs the fallback's checks under
 * ENOSYS, and tells whether the implementation calls clone3 at all from an
 * error nothing else would return (docs/capabilities.md). */
#ifndef SC_AGENT_CLONE3_FILTER_H
#define SC_AGENT_CLONE3_FILTER_H

#include <stddef.h>

/* 0, or -1 with why in err: an unknown error name, no clone3 on this
 * target, or no seccomp (qemu-user refuses filters). */
int sc_clone3_filter(const char *errno_name, char *err, size_t size);

#endif
