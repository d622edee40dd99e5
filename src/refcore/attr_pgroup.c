#define _GNU_SOURCE
#include <sys/types.h>

#include "spawncheck/refcore.h"

int sc_spawnattr_setpgroup(sc_spawnattr *attr, pid_t pgroup)
{
	attr->pgroup = pgroup;
	return 0;
}

int sc_spawnattr_getpgroup(const sc_spawnattr *attr, pid_t *pgroup)
{
	*pgroup = attr->pgroup;
	return 0;
}
