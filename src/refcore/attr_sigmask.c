#define _GNU_SOURCE
#include <signal.h>

#include "spawncheck/refcore.h"

int sc_spawnattr_setsigmask(sc_spawnattr *attr, const sigset_t *mask)
{
	attr->sigmask = *mask;
	return 0;
}

int sc_spawnattr_getsigmask(const sc_spawnattr *attr, sigset_t *mask)
{
	*mask = attr->sigmask;
	return 0;
}
