/* gnulib_spawn_names.c — the standard names for gnulib's posix_spawn
 * replacement, so that gnulib's code, built unmodified by
 * ci/build-gnulib-spawn, is an --impl library (DESIGN.md).
 *
 * With the replacement forced, gnulib's <spawn.h> renames each function to
 * rpl_<name> and brings its own posix_spawnattr_t and
 * posix_spawn_file_actions_t (glibc's layout). This file, compiled against
 * that header, defines each standard name with the libc's types — the
 * storage the harness allocates — and forwards to the rpl_ function. A name
 * gnulib does not rename (addchdir and addfchdir where the libc lacks
 * them) is gnulib's own definition, exported as it is. */
#include <config.h>

#include <spawn.h>

/* From here on the names are the libc's again. */
#undef posix_spawnattr_t
#undef posix_spawn_file_actions_t
#undef posix_spawn
#undef posix_spawnp
#undef posix_spawn_file_actions_init
#undef posix_spawn_file_actions_destroy
#undef posix_spawn_file_actions_addopen
#undef posix_spawn_file_actions_addclose
#undef posix_spawn_file_actions_adddup2
#undef posix_spawnattr_init
#undef posix_spawnattr_destroy
#undef posix_spawnattr_setflags
#undef posix_spawnattr_getflags
#undef posix_spawnattr_setsigmask
#undef posix_spawnattr_getsigmask
#undef posix_spawnattr_setsigdefault
#undef posix_spawnattr_getsigdefault
#undef posix_spawnattr_setpgroup
#undef posix_spawnattr_getpgroup

_Static_assert(sizeof(rpl_posix_spawnattr_t) <= sizeof(posix_spawnattr_t) &&
                   _Alignof(rpl_posix_spawnattr_t) <= _Alignof(posix_spawnattr_t),
               "gnulib's attributes must fit in the libc's posix_spawnattr_t");
_Static_assert(sizeof(rpl_posix_spawn_file_actions_t) <= sizeof(posix_spawn_file_actions_t) &&
                   _Alignof(rpl_posix_spawn_file_actions_t) <= _Alignof(posix_spawn_file_actions_t),
               "gnulib's file actions must fit in the libc's posix_spawn_file_actions_t");

static rpl_posix_spawn_file_actions_t *fa_of(posix_spawn_file_actions_t *fa)
{
	return (rpl_posix_spawn_file_actions_t *)(void *)fa;
}

static const rpl_posix_spawn_file_actions_t *cfa_of(const posix_spawn_file_actions_t *fa)
{
	return (const rpl_posix_spawn_file_actions_t *)(const void *)fa;
}

static rpl_posix_spawnattr_t *attr_of(posix_spawnattr_t *attr)
{
	return (rpl_posix_spawnattr_t *)(void *)attr;
}

static const rpl_posix_spawnattr_t *cattr_of(const posix_spawnattr_t *attr)
{
	return (const rpl_posix_spawnattr_t *)(const void *)attr;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *restrict fa,
                const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict])
{
	return rpl_posix_spawn(pid, path, cfa_of(fa), cattr_of(attr), argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file, const posix_spawn_file_actions_t *restrict fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict])
{
	return rpl_posix_spawnp(pid, file, cfa_of(fa), cattr_of(attr), argv, envp);
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	return rpl_posix_spawn_file_actions_init(fa_of(fa));
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	return rpl_posix_spawn_file_actions_destroy(fa_of(fa));
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd, const char *restrict path,
                                     int oflag, mode_t mode)
{
	return rpl_posix_spawn_file_actions_addopen(fa_of(fa), fd, path, oflag, mode);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return rpl_posix_spawn_file_actions_addclose(fa_of(fa), fd);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	return rpl_posix_spawn_file_actions_adddup2(fa_of(fa), fd, newfd);
}

/* Renamed only where the libc has them too. */
#ifdef posix_spawn_file_actions_addchdir
#undef posix_spawn_file_actions_addchdir
int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *restrict fa, const char *restrict path)
{
	return rpl_posix_spawn_file_actions_addchdir(fa_of(fa), path);
}
#endif

#ifdef posix_spawn_file_actions_addfchdir
#undef posix_spawn_file_actions_addfchdir
int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd)
{
	return rpl_posix_spawn_file_actions_addfchdir(fa_of(fa), fd);
}
#endif

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	return rpl_posix_spawnattr_init(attr_of(attr));
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	return rpl_posix_spawnattr_destroy(attr_of(attr));
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	return rpl_posix_spawnattr_setflags(attr_of(attr), flags);
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	return rpl_posix_spawnattr_getflags(cattr_of(attr), flags);
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr, const sigset_t *restrict mask)
{
	return rpl_posix_spawnattr_setsigmask(attr_of(attr), mask);
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attr, sigset_t *restrict mask)
{
	return rpl_posix_spawnattr_getsigmask(cattr_of(attr), mask);
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	return rpl_posix_spawnattr_setsigdefault(attr_of(attr), set);
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attr, sigset_t *restrict set)
{
	return rpl_posix_spawnattr_getsigdefault(cattr_of(attr), set);
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	return rpl_posix_spawnattr_setpgroup(attr_of(attr), pgroup);
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup)
{
	return rpl_posix_spawnattr_getpgroup(cattr_of(attr), pgroup);
}
