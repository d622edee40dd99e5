/* alt_file_actions.c — posix_spawn_file_actions_*: records appended to one
 * byte buffer whose head lives in the libc's object. Only a negative fd is
 * refused here; an fd at or above RLIMIT_NOFILE is accepted and left to
 * the spawn (alt_spawn.c, choice 3). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "alt.h"

_Static_assert(sizeof(struct alt_fa) <= sizeof(posix_spawn_file_actions_t),
               "the head must fit in the libc's posix_spawn_file_actions_t");

struct alt_fa alt_fa_load(const posix_spawn_file_actions_t *fa)
{
	struct alt_fa h;
	memcpy(&h, fa, sizeof h);
	return h;
}

static void store(posix_spawn_file_actions_t *fa, const struct alt_fa *h)
{
	memcpy(fa, h, sizeof *h);
}

ALT_API int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	memset(fa, 0, sizeof *fa);
	return 0;
}

ALT_API int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	struct alt_fa h = alt_fa_load(fa);
	free(h.buf);
	memset(fa, 0, sizeof *fa);
	return 0;
}

/* The record of one action; path (copied) for addopen and addchdir. */
struct spec {
	enum alt_kind kind;
	int fd, fd2, oflag;
	mode_t mode;
	const char *path;
};

static int append(posix_spawn_file_actions_t *fa, const struct spec *sp)
{
	const size_t align = alignof(struct alt_op);
	const size_t len = sp->path ? strlen(sp->path) + 1 : 0;
	const size_t size = (sizeof(struct alt_op) + len + align - 1) / align * align;
	struct alt_fa h = alt_fa_load(fa);
	if (h.cap - h.used < size) {
		size_t cap = h.cap ? h.cap : 256;
		while (cap - h.used < size)
			cap *= 2;
		unsigned char *buf = realloc(h.buf, cap);
		if (!buf)
			return ENOMEM;
		h.buf = buf;
		h.cap = cap;
	}
	struct alt_op *op = (struct alt_op *)(void *)(h.buf + h.used);
	op->size = size;
	op->kind = sp->kind;
	op->fd = sp->fd;
	op->fd2 = sp->fd2;
	op->oflag = sp->oflag;
	op->mode = sp->mode;
	if (sp->path)
		memcpy(op->path, sp->path, len);
	h.used += size;
	store(fa, &h);
	return 0;
}

ALT_API int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                             const char *restrict path, int oflag, mode_t mode)
{
	if (fd < 0)
		return EBADF;
	return append(fa, &(struct spec){ALT_OPEN, fd, -1, oflag, mode, path});
}

ALT_API int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return fd < 0 ? EBADF : append(fa, &(struct spec){ALT_CLOSE, fd, -1, 0, 0, NULL});
}

ALT_API int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	if (fd < 0 || newfd < 0)
		return EBADF;
	return append(fa, &(struct spec){ALT_DUP2, fd, newfd, 0, 0, NULL});
}

ALT_API int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *restrict fa,
                                              const char *restrict path)
{
	return append(fa, &(struct spec){ALT_CHDIR, -1, -1, 0, 0, path});
}

ALT_API int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd)
{
	return fd < 0 ? EBADF : append(fa, &(struct spec){ALT_FCHDIR, fd, -1, 0, 0, NULL});
}

ALT_API int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *restrict fa,
                                                 const char *restrict path)
{
	return posix_spawn_file_actions_addchdir(fa, path);
}

ALT_API int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd)
{
	return posix_spawn_file_actions_addfchdir(fa, fd);
}

ALT_API int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *fa, int from)
{
	return from < 0 ? EBADF : append(fa, &(struct spec){ALT_CLOSEFROM, from, -1, 0, 0, NULL});
}
