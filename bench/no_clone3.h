/* no_clone3.h — make clone3 unavailable to this process, as seccomp
 * profiles of container runtimes, qemu-user and Linux before 5.3 do, so
 * the benchmark can measure the fallback paths (refcore's clone(), glibc's
 * clone after a failed clone3). */
#ifndef SC_BENCH_NO_CLONE3_H
#define SC_BENCH_NO_CLONE3_H

#ifdef __cplusplus
extern "C" {
#endif

/* Installs a seccomp filter under which clone3 fails with ENOSYS, for this
 * thread, the threads it creates later and every child. Irreversible.
 * Returns 0 or an error number. */
int bench_no_clone3(void);

#ifdef __cplusplus
}
#endif

#endif
