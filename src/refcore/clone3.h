/* clone3.h — clone3(2) with a child that runs a function on its own stack.
 *
 * clone3 can reset every caught handler to SIG_DFL as it creates the child
 * (CLONE_CLEAR_SIGHAND, Linux 5.5), which spares the child one
 * rt_sigaction call per signal. A child on a new stack cannot return from
 * the system call into C, so the entry is per architecture
 * (<arch>/clone3.S); clone3_none.c stands in where there is none. */
#ifndef SC_REFCORE_CLONE3_H
#define SC_REFCORE_CLONE3_H

#include <stddef.h>
#include <stdint.h>

/* The kernel's struct clone_args, first version (CLONE_ARGS_SIZE_VER0):
 * declared here because musl and older kernel headers lack it. */
struct sc_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;      /* lowest address */
	uint64_t stack_size;
	uint64_t tls;
};

#define SC_CLONE_CLEAR_SIGHAND 0x100000000ULL

/* In the child, calls fn(arg) on args->stack; fn must not return (if it
 * does, the child exits with its value). In the parent, returns the
 * child's pid or -errno, errno untouched. */
long sc__clone3(struct sc_clone_args *args, size_t size, int (*fn)(void *), void *arg);

#endif
