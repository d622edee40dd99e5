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
#define SC_BUG_ERRORS_AS_ENOENT 100      /* every exec failure reported as ENOENT */
#define SC_BUG_RETURNS_MINUS_ONE 101     /* failure returned as -1 with errno set, like fork */
#define SC_BUG_ACTION_ERRORS_IGNORED 102 /* only addopen's error is reported; dup2/chdir/fchdir failures ignored */
#define SC_BUG_OFLAG_TRUNCATED 103       /* addopen's flags kept in a char: O_APPEND, O_TRUNC, O_CLOEXEC... lost */
#define SC_BUG_CREAT_MODE_IGNORES_UMASK 104 /* a created file is fchmod'ed to the exact mode */
#define SC_BUG_CLOEXEC_KEPT_AFTER_DUP2 105 /* addopen's O_CLOEXEC carried over by dup3 onto the target */
#define SC_BUG_PATH_NOT_COPIED 106       /* addopen/addchdir keep the caller's path pointer */
#define SC_BUG_CLOSE_ERROR_REPORTED 107  /* addclose of an fd that is not open fails the spawn (EBADF) */
#define SC_BUG_DUP2_LOW_FD_CLOBBERS_PIPE 108 /* the error pipe is not moved off the fds actions name */
#define SC_BUG_DUP2_SAME_FD_UNCHECKED 109 /* adddup2(fd, fd) of a closed fd succeeds */
#define SC_BUG_FCHDIR_IGNORED 110        /* addfchdir accepted but never performed */
#define SC_BUG_CLOSEFROM_CLOSES_PIPE 111 /* addclosefrom closes the error pipe too */
#define SC_BUG_NEGATIVE_FD_ACCEPTED 112  /* builders only check fd < getdtablesize() */
#define SC_BUG_STD_FDS_FILLED 113        /* closed fds 0-2 opened on /dev/null in the child */
#define SC_BUG_DUP2_CLEARS_SOURCE_CLOEXEC 114 /* adddup2 also clears FD_CLOEXEC of its source */
#define SC_BUG_MOVED_PIPE_LEAKS 115      /* the error pipe moved above the actions' fds loses close-on-exec */
#define SC_BUG_DUP2_REOPENS 116          /* adddup2 reopens /proc/self/fd/N: a new open file description */
#define SC_BUG_SEARCH_ORDER 117          /* PATH searched last element first */
#define SC_BUG_EACCES_STOPS_SEARCH 118   /* EACCES ends the PATH search */
#define SC_BUG_EACCES_NOT_REMEMBERED 119 /* a search that only met EACCES returns ENOENT */
#define SC_BUG_EMPTY_PATH_ELEMENT_SKIPPED 120 /* an empty PATH element is skipped, not the cwd */
#define SC_BUG_SLASH_NAME_SEARCHED 121   /* a name with a slash is searched in PATH too */
#define SC_BUG_PATH_BUFFER_SMALL 122     /* PATH candidates built in a 256-byte buffer; longer ones skipped */
#define SC_BUG_ENOTDIR_STOPS_SEARCH 123  /* ENOTDIR ends the PATH search */
#define SC_BUG_UNSET_PATH_CWD 124        /* PATH unset searches ":/bin:/usr/bin", the cwd first (old glibc) */

/* Bugs for the attribute, argv/envp, parent-state, signal, suspension and
 * concurrency checks: 200..299. */
#define SC_BUG_NO_WAIT_FOR_EXEC 200      /* returns right after fork, before the child's exec */
#define SC_BUG_WAIT_FOR_EXIT 201         /* holds the caller until the program exits, not until exec */
#define SC_BUG_VFORK_MASKED 202          /* vfork (exported) is fork holding the caller with every signal blocked */
#define SC_BUG_HANDLERS_NOT_RESET 203    /* caught handlers left in place in the child until exec */
#define SC_BUG_ERRNO_CLOBBERED 204       /* errno not restored: the child's failed calls show through the shared TLS */
#define SC_BUG_RESETIDS_IGNORED 205      /* POSIX_SPAWN_RESETIDS ignored */
#define SC_BUG_SETFLAGS_ACCEPTS_UNKNOWN 206 /* setflags takes any bits */
#define SC_BUG_GETTERS_BROKEN 207        /* getsigdefault returns the sigmask */
#define SC_BUG_INIT_DEFAULTS_WRONG 208   /* attr_init starts with every signal in sigdefault */
#define SC_BUG_SIGMASK_REJECTS_UNBLOCKABLE 209 /* setsigmask refuses SIGKILL and SIGSTOP with EINVAL */
#define SC_BUG_PGROUP_ERROR_IGNORED 210  /* a failing setpgid in the child is ignored */
#define SC_BUG_ARG_MAX_PRECHECK 211      /* E2BIG beyond 131072 bytes of argv+envp (<linux/limits.h> ARG_MAX) */
#define SC_BUG_ARGV0_FROM_PATH 212       /* an empty argv replaced by {path} */
#define SC_BUG_ENVIRON_MODIFIED 213      /* exports $_ = path into the caller's environment, like a shell */
#define SC_BUG_MASK_NOT_RESTORED_ON_ERROR 214 /* a failed spawn returns early, leaving every signal blocked */
#define SC_BUG_CLOEXEC_RACE 215          /* the error pipe made close-on-exec only in the child */

#ifndef SC_BUG
#error "build with -DSC_BUG=SC_BUG_<NAME>"
#endif

#endif
