#define _GNU_SOURCE
#include <signal.h>

#include "spawncheck/refcore.h"

int sc_spawnattr_setsigdefault(sc_spawnattr *attr, const sigset_t *set)
{
	attr->sigdefault = *set;
	return 0;
}

int sc_spawnattr_getsigdefault(const sc_spawnattr *attr, sigset_t *set)
{
	*set = attr->sigdefault;
	return 0;
}
