#define _GNU_SOURCE
#include <stdlib.h>

#include "fa_op.h"

int sc_file_actions_destroy(sc_file_actions *fa)
{
	struct sc_fa_op *op = fa->head;
	while (op) {
		struct sc_fa_op *next = op->next;
		free(op->path);
		free(op);
		op = next;
	}
	fa->head = fa->tail = NULL;
	return 0;
}
