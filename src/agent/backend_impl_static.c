/* A static agent has no dynamic loader, so it cannot load an --impl
 * library; the harness must use a dynamic agent for that. */
#define _GNU_SOURCE

#include <stdio.h>

#include "backend.h"

int sc_backend_impl(const char *path, struct sc_backend *b, char *why, size_t whylen)
{
	(void)path;
	(void)b;
	snprintf(why, whylen, "broken impl: this agent is static and cannot dlopen");
	return -1;
}
