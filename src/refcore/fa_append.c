#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fa_op.h"

int sc__fa_append(sc_file_actions *fa, const struct sc_fa_op *op, const char *path)
{
	/* malloc sets errno on failure; builders promise to leave it alone. */
	int saved = errno;
	struct sc_fa_op *p = malloc(sizeof *p);
	char *copy = path ? strdup(path) : NULL;
	if (!p || (path && !copy)) {
		free(p);
		free(copy);
		errno = saved;
		return ENOMEM;
	}
	*p = *op;
	p->next = NULL;
	p->path = copy;
	if (fa->tail)
		fa->tail->next = p;
	else
		fa->head = p;
	fa->tail = p;
	return 0;
}
