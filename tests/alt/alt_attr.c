/* alt_attr.c — posix_spawnattr_*: the whole attribute set is stored inside
 * the libc's posix_spawnattr_t (no allocation), copied in and out with
 * memcpy. Scheduling attributes are not offered: setflags refuses their
 * bits like any other it does not know. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "alt.h"

_Static_assert(sizeof(struct alt_attr) <= sizeof(posix_spawnattr_t),
               "the attributes must fit in the libc's posix_spawnattr_t");

struct alt_attr alt_attr_load(const posix_spawnattr_t *attr)
{
	struct alt_attr a;
	memcpy(&a, attr, sizeof a);
	return a;
}

static int store(posix_spawnattr_t *attr, const struct alt_attr *a)
{
	memcpy(attr, a, sizeof *a);
	return 0;
}

/* POSIX.1-2024 posix_spawnattr_init: every attribute takes its default:
 * no flags, pgroup 0, an empty sigdefault (and an empty mask). */
ALT_API int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	struct alt_attr a = {0};
	sigemptyset(&a.mask);
	sigemptyset(&a.def);
	return store(attr, &a);
}

ALT_API int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	memset(attr, 0, sizeof *attr);
	return 0;
}

ALT_API int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	const int known = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	                  POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID;
	if (flags & ~known)
		return EINVAL;
	struct alt_attr a = alt_attr_load(attr);
	a.flags = flags;
	return store(attr, &a);
}

ALT_API int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	*flags = alt_attr_load(attr).flags;
	return 0;
}

ALT_API int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	struct alt_attr a = alt_attr_load(attr);
	a.pgroup = pgroup;
	return store(attr, &a);
}

ALT_API int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup)
{
	*pgroup = alt_attr_load(attr).pgroup;
	return 0;
}

ALT_API int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr, const sigset_t *restrict mask)
{
	struct alt_attr a = alt_attr_load(attr);
	a.mask = *mask;
	return store(attr, &a);
}

ALT_API int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attr, sigset_t *restrict mask)
{
	*mask = alt_attr_load(attr).mask;
	return 0;
}

ALT_API int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	struct alt_attr a = alt_attr_load(attr);
	a.def = *set;
	return store(attr, &a);
}

ALT_API int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attr, sigset_t *restrict set)
{
	*set = alt_attr_load(attr).def;
	return 0;
}
