#define _GNU_SOURCE
#include <stddef.h>

#include "fa_op.h"

int sc_file_actions_init(sc_file_actions *fa)
{
	fa->head = fa->tail = NULL;
	return 0;
}
