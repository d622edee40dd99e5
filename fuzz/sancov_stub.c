/* AFL++ builds (fuzz/CMakeLists.txt) compile the harness libraries with
 * trace-pc-guard for the fuzz targets, which link AFL++'s runtime first and
 * so never use these. Every other program linking those libraries (the
 * agent, spawncheck) gets these no-ops instead of the runtime, which would
 * install its own signal handlers in them. */
#define _GNU_SOURCE

#include <stdint.h>

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);
void __sanitizer_cov_trace_pc_guard(uint32_t *guard);

__attribute__((weak)) void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
	(void)start;
	(void)stop;
}

__attribute__((weak)) void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
	(void)guard;
}
