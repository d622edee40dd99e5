/* vfork-share: does the child's write reach the parent's data, heap and
 * stack? Linux vfork shares all three; a fork-synonymous vfork (POSIX
 * allows it, qemu-user does it) shares none.
 * Keys: global 0|1, heap 0|1, stack 0|1. */
#define _GNU_SOURCE

#include <errno.h>
#include <stdlib.h>

#include "launch.h"
#include "scenario.h"

static volatile int global_word;

struct targets {
	volatile int *heap;
	volatile int *stack;
};

static int child(void *arg)
{
	struct targets *t = arg;
	global_word = 1;
	*t->heap = 1;
	*t->stack = 1;
	return 0;
}

int sc_scenario_share(const struct sc_job *job, struct sc_text *lines, char *why, size_t whylen)
{
	volatile int local = 0;
	int *block = malloc(sizeof *block);
	if (!block)
		return sc_scenario_fail(why, whylen, "malloc", ENOMEM);
	volatile int *heap = block;
	*heap = 0;
	global_word = 0;
	struct targets t = {heap, &local};
	pid_t pid = sc_launch(job->backend, child, &t);
	int rc = pid < 0 ? sc_scenario_fail(why, whylen, "launch", -pid) : sc_scenario_reap(job, pid, why, whylen);
	if (rc == 0) {
		sc_field(lines, SC_F_share_global, "%d", global_word);
		sc_field(lines, SC_F_share_heap, "%d", *heap);
		sc_field(lines, SC_F_share_stack, "%d", local);
	}
	free(block);
	return rc;
}
