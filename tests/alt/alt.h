/* alt.h — what the files of tests/alt share: the state this implementation
 * keeps inside the libc's opaque <spawn.h> types, and the one request the
 * caller hands to its vfork child. The choices it takes are listed in
 * alt_spawn.c. */
#ifndef SC_ALT_H
#define SC_ALT_H

#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/types.h>

/* Everything else is hidden (CMakeLists.txt): the library exports exactly
 * the --impl contract. */
#define ALT_API __attribute__((visibility("default")))

/* ---- file actions: one growable byte buffer of packed records ---- */

enum alt_kind { ALT_OPEN, ALT_CLOSE, ALT_DUP2, ALT_CHDIR, ALT_FCHDIR, ALT_CLOSEFROM };

/* One action; `size` bytes in all, a NUL-terminated path after the header
 * for ALT_OPEN and ALT_CHDIR, padded to keep the next record aligned. */
struct alt_op {
	size_t size;
	enum alt_kind kind;
	int fd;  /* open/close/fchdir/closefrom: the fd; dup2: the source */
	int fd2; /* dup2: the target */
	int oflag;
	mode_t mode;
	char path[];
};

/* The head, copied in and out of posix_spawn_file_actions_t with memcpy. */
struct alt_fa {
	unsigned char *buf;
	size_t used, cap;
};

struct alt_fa alt_fa_load(const posix_spawn_file_actions_t *fa);

/* ---- attributes: stored whole inside posix_spawnattr_t ---- */

struct alt_attr {
	short flags;
	pid_t pgroup;
	sigset_t mask, def;
};

struct alt_attr alt_attr_load(const posix_spawnattr_t *attr);

/* ---- the request a spawn hands to its child ---- */

struct alt_request {
	const char *path;         /* posix_spawn's path, posix_spawnp's file */
	char *const *argv, *const *envp;
	struct alt_fa actions;    /* a copy of the head; the records are the caller's */
	struct alt_attr attr;     /* all zero without attributes */
	sigset_t caller_mask;     /* the mask to restore when SETSIGMASK is not set */
	int nofile;               /* RLIMIT_NOFILE when the spawn started */
	int report[2];            /* the error pipe, or -1 -1 (the exit-127 build) */
	const char *search;       /* posix_spawnp: the PATH list; NULL: exec path as is */
	char *candidate;          /* posix_spawnp: room for the longest dir/file */
};

/* The child's whole life: attributes, file actions, exec. It never
 * returns; a failure is written to the report pipe, then _exit(127). */
_Noreturn void alt_child(const struct alt_request *rq);

#endif
