/* No clone3 entry for this architecture: refcore uses clone() alone. */
#define _GNU_SOURCE
#include <errno.h>

#include "clone3.h"

long sc__clone3(struct sc_clone_args *args, size_t size, int (*fn)(void *), void *arg)
{
	(void)args;
	(void)size;
	(void)fn;
	(void)arg;
	return -ENOSYS;
}
