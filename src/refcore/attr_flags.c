#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>

#include "spawncheck/refcore.h"

/* The flags refcore implements, from the one declaration of the surface.
 * Anything else (scheduling, libc extensions) is refused rather than
 * silently ignored. */
static const int known = 0
#define SC_ATTRFLAG(NAME, short_name) | NAME
#include "spawn_ops.def"
	;

int sc_spawnattr_setflags(sc_spawnattr *attr, short flags)
{
	if (flags & ~known)
		return EINVAL;
	attr->flags = flags;
	return 0;
}

int sc_spawnattr_getflags(const sc_spawnattr *attr, short *flags)
{
	*flags = attr->flags;
	return 0;
}
