/* broken.h — the bugs a broken implementation can be built with.
 *
 * Macros rather than an enum so that the one bug that changes which symbols
 * exist (vfork-is-fork exports vfork) can be tested with #if. The build
 * picks one with -DSC_BUG=SC_BUG_<NAME> (CMakeLists.txt). */
#ifndef SC_BROKEN_H
#define SC_BROKEN_H

#define SC_BUG_NONE 0
#define SC_BUG_EXEC_SUCCESS 1    /* exec failure reported as success; the child exits 127 (bionic) */
#define SC_BUG_DUP2_CLOEXEC 2    /* adddup2(fd, fd) leaves FD_CLOEXEC set */
#define SC_BUG_FD_LEAK 3         /* the error pipe is not close-on-exec */
#define SC_BUG_SIGMASK_IGNORED 4 /* POSIX_SPAWN_SETSIGMASK ignored */
#define SC_BUG_PARENT_MASK 5     /* the caller is left with SIGUSR2 blocked */
#define SC_BUG_ZOMBIE 6          /* a failed child is never reaped */
#define SC_BUG_ARGV_EMPTY 7      /* empty arguments dropped */
#define SC_BUG_EXIT_NOT__EXIT 8  /* the failed child calls exit, not _exit */
#define SC_BUG_VFORK_IS_FORK 9   /* vfork (exported and used) is fork */
#define SC_BUG_ORDER 10          /* file actions applied last to first */
#define SC_BUG_PGROUP_IGNORED 11 /* POSIX_SPAWN_SETPGROUP ignored */
#define SC_BUG_ENV_IGNORED 12    /* envp ignored, the caller's environ passed */
#define SC_BUG_CWD_LEAK 13       /* addchdir performed by the caller, not the child */
#define SC_BUG_RACE 14           /* argv staged in a global shared by all callers */
#define SC_BUG_STOP_THE_WORLD 15 /* vfork freezes every thread of the caller, not just the calling one */
#define SC_BUG_PARENT_CLOSE 16   /* addclose also performed in the caller after the spawn */
#define SC_BUG_OFFSET_RESET 17   /* the child rewinds inherited fds (shared offsets move) */
#define SC_BUG_SHELL_FALLBACK 18 /* ENOEXEC retried through /bin/sh (glibc's old compat symbol) */
#define SC_BUG_SIGIGN_RESET 19   /* ignored signals reset to default in the child */
#define SC_BUG_SIGDEF_IGNORED 20 /* POSIX_SPAWN_SETSIGDEF ignored */
#define SC_BUG_SETSID_IGNORED 21 /* POSIX_SPAWN_SETSID ignored */
#define SC_BUG_ARGV_TRUNCATE 22  /* argv cut at 1024 entries (a fixed-size array) */
#define SC_BUG_CRASH 23          /* posix_spawn crashes the caller (SIGSEGV) */
#define SC_BUG_HANG 24           /* posix_spawn never returns */
#define SC_BUG_MISSING_SYMBOL 25 /* posix_spawnp not exported (CMakeLists.txt hides it) */

/* Bugs for the exec-failure, file-action, search and fd-table checks: 100..199. */

/* Bugs for the attribute, argv/envp, parent-state, signal, suspension and
 * concurrency checks: 200..299. */

#ifndef SC_BUG
#error "build with -DSC_BUG=SC_BUG_<NAME>"
#endif

#endif
