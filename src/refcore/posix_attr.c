#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

#include "posix_box.h"
#include "spawncheck/refcore_posix.h"

int sc_posix_spawnattr_init(posix_spawnattr_t *box)
{
	int saved = errno; /* malloc may set it */
	sc_spawnattr *attr = malloc(sizeof *attr);
	errno = saved;
	if (!attr)
		return ENOMEM;
	sc_spawnattr_init(attr);
	memcpy(box, &attr, sizeof attr);
	return 0;
}

int sc_posix_spawnattr_destroy(posix_spawnattr_t *box)
{
	sc_spawnattr *attr = sc__attr_of(box);
	sc_spawnattr_destroy(attr);
	free(attr);
	return 0;
}

int sc_posix_spawnattr_setflags(posix_spawnattr_t *box, short flags)
{
	return sc_spawnattr_setflags(sc__attr_of(box), flags);
}

int sc_posix_spawnattr_getflags(const posix_spawnattr_t *box, short *flags)
{
	return sc_spawnattr_getflags(sc__attr_of(box), flags);
}

int sc_posix_spawnattr_setsigmask(posix_spawnattr_t *box, const sigset_t *mask)
{
	return sc_spawnattr_setsigmask(sc__attr_of(box), mask);
}

int sc_posix_spawnattr_getsigmask(const posix_spawnattr_t *box, sigset_t *mask)
{
	return sc_spawnattr_getsigmask(sc__attr_of(box), mask);
}

int sc_posix_spawnattr_setsigdefault(posix_spawnattr_t *box, const sigset_t *set)
{
	return sc_spawnattr_setsigdefault(sc__attr_of(box), set);
}

int sc_posix_spawnattr_getsigdefault(const posix_spawnattr_t *box, sigset_t *set)
{
	return sc_spawnattr_getsigdefault(sc__attr_of(box), set);
}

int sc_posix_spawnattr_setpgroup(posix_spawnattr_t *box, pid_t pgroup)
{
	return sc_spawnattr_setpgroup(sc__attr_of(box), pgroup);
}

int sc_posix_spawnattr_getpgroup(const posix_spawnattr_t *box, pid_t *pgroup)
{
	return sc_spawnattr_getpgroup(sc__attr_of(box), pgroup);
}
