/* spawncheck-bench-exit0: the program the benchmark spawns. No libc, no
 * loader, one page of code: what is left of a spawn+wait is the spawn
 * itself, not the child's start-up. */
#define _GNU_SOURCE

#if defined(__x86_64__)
__asm__(".globl _start\n"
        "_start:\n"
        "	mov $231, %eax\n" /* exit_group */
        "	xor %edi, %edi\n"
        "	syscall\n");
#elif defined(__aarch64__)
__asm__(".globl _start\n"
        "_start:\n"
        "	mov x8, #94\n" /* exit_group */
        "	mov x0, #0\n"
        "	svc #0\n");
#else
#error "exit0: no _start for this architecture"
#endif
