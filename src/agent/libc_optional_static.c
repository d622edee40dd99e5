/* A static agent cannot look symbols up, so it takes the optional
 * builders its libc links: src/agent/CMakeLists.txt tries every optional
 * fa_ symbol of spawn_ops.def and lists the ones found in
 * libc_optional.inc, in the def's order (the first found fills a slot). */
#define _GNU_SOURCE

#include "backend.h"

void sc_backend_libc_optional(struct sc_backend *b)
{
#define SC_FOUND(slot, symbol) \
	if (!b->slot)          \
		b->slot = symbol;
#include "libc_optional.inc"
	(void)b;
}
