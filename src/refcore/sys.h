/* sys.h — raw system calls for the child.
 *
 * The child shares the caller's memory (CLONE_VM, vfork), so it must not
 * take a libc lock another thread may hold (musl's sigaction(SIGABRT)),
 * signal the parent's threads (glibc's setuid broadcasts to all of them)
 * or act on a pending pthread_cancel of the suspended caller (open, close
 * and write are cancellation points). It therefore goes through syscall(2),
 * which only sets errno; the parent restores the caller's errno.
 */
#ifndef SC_REFCORE_SYS_H
#define SC_REFCORE_SYS_H

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's signal set size, not libc's (much larger) sigset_t. */
#define SC_KSIGSET (_NSIG / 8)

/* 32-bit x86 and arm keep 16-bit ids in the plain calls; fcntl64 is the
 * only fcntl of 32-bit asm-generic arches. */
#ifdef SYS_setresuid32
#define SC_SYS_getuid SYS_getuid32
#define SC_SYS_getgid SYS_getgid32
#define SC_SYS_setresuid SYS_setresuid32
#define SC_SYS_setresgid SYS_setresgid32
#else
#define SC_SYS_getuid SYS_getuid
#define SC_SYS_getgid SYS_getgid
#define SC_SYS_setresuid SYS_setresuid
#define SC_SYS_setresgid SYS_setresgid
#endif
#ifdef SYS_fcntl64
#define SC_SYS_fcntl SYS_fcntl64
#else
#define SC_SYS_fcntl SYS_fcntl
#endif

/* The kernel's struct sigaction. Only the handler is read, and every
 * architecture spawncheck targets puts it first; rest[] is at least as
 * large as the kernel's remaining fields, which it fills in. */
#if defined(__mips__) || defined(__alpha__) || defined(__sparc__)
#error "kernel struct sigaction: handler not first or rt_sigaction takes a restorer"
#endif
struct sc_ksigaction {
	void (*handler)(int);
	unsigned long rest[5];
};

#endif
