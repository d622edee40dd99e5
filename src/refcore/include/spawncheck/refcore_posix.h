/* refcore_posix.h — refcore behind the libc's own <spawn.h> types.
 *
 * The same operations as refcore.h, taking posix_spawn_file_actions_t and
 * posix_spawnattr_t: refcore keeps a pointer to its own state inside them
 * (the --impl contract lets an implementation use the fields as it likes).
 * This lets one caller drive the libc, an --impl library and refcore
 * through one table of functions; libspawncheck_refcore_posix.so exports
 * these under the POSIX names.
 */
#ifndef SPAWNCHECK_REFCORE_POSIX_H
#define SPAWNCHECK_REFCORE_POSIX_H

#include <spawn.h>

#include "refcore.h"

#ifdef __cplusplus
extern "C" {
#endif

int sc_posix_file_actions_init(posix_spawn_file_actions_t *fa);
int sc_posix_file_actions_destroy(posix_spawn_file_actions_t *fa);
int sc_posix_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path, int oflag, mode_t mode);
int sc_posix_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd);
int sc_posix_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd);
int sc_posix_file_actions_addchdir(posix_spawn_file_actions_t *fa, const char *path);
int sc_posix_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd);
int sc_posix_file_actions_addclosefrom(posix_spawn_file_actions_t *fa, int from);

int sc_posix_spawnattr_init(posix_spawnattr_t *attr);
int sc_posix_spawnattr_destroy(posix_spawnattr_t *attr);
int sc_posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int sc_posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags);
int sc_posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *mask);
int sc_posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *mask);
int sc_posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *set);
int sc_posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *set);
int sc_posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup);
int sc_posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup);

int sc_posix_spawn_via(enum sc_launch how, int search, pid_t *pid, const char *path,
                       const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr,
                       char *const argv[], char *const envp[]);

#ifdef __cplusplus
}
#endif

#endif
