/* stack_pool.h — stacks for the clone child, reused across calls.
 *
 * A fresh mapping per call costs its page faults on every spawn (measured:
 * more than the 64 rt_sigaction calls of the child). Stacks are kept in a
 * few lock-free slots instead: no lock that fork could copy held, nothing
 * tied to thread exit or dlclose. At most SC_STACK_SLOTS stay mapped. */
#ifndef SC_REFCORE_STACK_POOL_H
#define SC_REFCORE_STACK_POOL_H

#include <stddef.h>

/* The child's deepest path is the PATH walk (a PATH_MAX buffer) plus a few
 * small frames; sanitizer builds need more. */
#define SC_STACK_SIZE (64 * 1024)
#define SC_STACK_SLOTS 8

/* Returns the lowest address of SC_STACK_SIZE writable bytes above a guard
 * page, or NULL with errno set. */
char *sc__stack_take(void);
void sc__stack_give(char *stack);

#endif
