#define _GNU_SOURCE
#include <signal.h>

#include "spawncheck/refcore.h"

int sc_spawnattr_init(sc_spawnattr *attr)
{
	attr->flags = 0;
	attr->pgroup = 0;
	sigemptyset(&attr->sigmask);
	sigemptyset(&attr->sigdefault);
	return 0;
}
