/* refcore.h — the spawncheck reference spawn core.
 *
 * The POSIX spawn API under an sc_ prefix, implemented with
 * clone(CLONE_VM|CLONE_VFORK) on a private stack, every signal blocked
 * around the clone, handlers reset in the child, file actions applied in
 * order, and exec errors returned through a close-on-exec pipe until a
 * child's store has shown that memory is really shared, then through that
 * memory (so it stays correct where vfork is emulated as fork, e.g.
 * qemu-user). Like posix_spawn, every function returns 0 or an error
 * number and leaves errno alone.
 *
 * Thread-safe; async-signal-safe: no. Builders allocate.
 */
#ifndef SPAWNCHECK_REFCORE_H
#define SPAWNCHECK_REFCORE_H

#include <signal.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sc_fa_op;

typedef struct {
	struct sc_fa_op *head, *tail;
} sc_file_actions;

typedef struct {
	short flags;          /* POSIX_SPAWN_* */
	pid_t pgroup;
	sigset_t sigmask;
	sigset_t sigdefault;
} sc_spawnattr;

int sc_file_actions_init(sc_file_actions *fa);
int sc_file_actions_destroy(sc_file_actions *fa);
int sc_file_actions_addopen(sc_file_actions *fa, int fd, const char *path, int oflag, mode_t mode);
int sc_file_actions_addclose(sc_file_actions *fa, int fd);
int sc_file_actions_adddup2(sc_file_actions *fa, int fd, int newfd);
int sc_file_actions_addchdir(sc_file_actions *fa, const char *path);
int sc_file_actions_addfchdir(sc_file_actions *fa, int fd);
int sc_file_actions_addclosefrom(sc_file_actions *fa, int from);

int sc_spawnattr_init(sc_spawnattr *attr);
int sc_spawnattr_destroy(sc_spawnattr *attr);
int sc_spawnattr_setflags(sc_spawnattr *attr, short flags);
int sc_spawnattr_getflags(const sc_spawnattr *attr, short *flags);
int sc_spawnattr_setsigmask(sc_spawnattr *attr, const sigset_t *mask);
int sc_spawnattr_getsigmask(const sc_spawnattr *attr, sigset_t *mask);
int sc_spawnattr_setsigdefault(sc_spawnattr *attr, const sigset_t *set);
int sc_spawnattr_getsigdefault(const sc_spawnattr *attr, sigset_t *set);
int sc_spawnattr_setpgroup(sc_spawnattr *attr, pid_t pgroup);
int sc_spawnattr_getpgroup(const sc_spawnattr *attr, pid_t *pgroup);

int sc_spawn(pid_t *pid, const char *path, const sc_file_actions *fa,
             const sc_spawnattr *attr, char *const argv[], char *const envp[]);
/* Like sc_spawn, but a file without '/' is searched in PATH of the
 * caller's environ (default "/bin:/usr/bin" when unset), and ENOEXEC is
 * returned as is: no shell fallback, as POSIX.1-2024 posix_spawnp. */
int sc_spawnp(pid_t *pid, const char *file, const sc_file_actions *fa,
              const sc_spawnattr *attr, char *const argv[], char *const envp[]);

/* How the child is created. SC_LAUNCH_CLONE is what sc_spawn uses; the
 * others run the same child code under another primitive, so a difference
 * between them isolates the primitive. */
enum sc_launch { SC_LAUNCH_CLONE, SC_LAUNCH_VFORK, SC_LAUNCH_FORK };

int sc_spawn_via(enum sc_launch how, int search, pid_t *pid, const char *path,
                 const sc_file_actions *fa, const sc_spawnattr *attr,
                 char *const argv[], char *const envp[]);

#ifdef __cplusplus
}
#endif

#endif
