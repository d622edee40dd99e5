#define _GNU_SOURCE
#include <stdatomic.h>
#include <sys/mman.h>
#include <unistd.h>

#include "stack_pool.h"

static _Atomic(char *) slots[SC_STACK_SLOTS];

static size_t guard_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* The guard page makes an overflow fault in the child instead of writing
 * over whatever is mapped below. */
static char *map_stack(void)
{
	size_t guard = guard_size();
	char *base = mmap(NULL, guard + SC_STACK_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	if (mprotect(base + guard, SC_STACK_SIZE, PROT_READ | PROT_WRITE) != 0) {
		munmap(base, guard + SC_STACK_SIZE);
		return NULL;
	}
	return base + guard;
}

char *sc__stack_take(void)
{
	for (size_t i = 0; i < SC_STACK_SLOTS; i++) {
		char *stack = atomic_exchange(&slots[i], NULL);
		if (stack)
			return stack;
	}
	return map_stack();
}

void sc__stack_give(char *stack)
{
	for (size_t i = 0; i < SC_STACK_SLOTS; i++) {
		char *empty = NULL;
		if (atomic_compare_exchange_strong(&slots[i], &empty, stack))
			return;
	}
	size_t guard = guard_size();
	munmap(stack - guard, guard + SC_STACK_SIZE);
}
