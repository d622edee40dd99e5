#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "child.h"
#include "sys.h"

/* POSIX.1-2024 posix_spawnp / execvp: the name is tried in each PATH
 * element in turn (an empty element is the current directory). EACCES is
 * remembered and returned if nothing better turns up; ENOENT and ENOTDIR
 * move on; anything else (ENOEXEC included: no shell fallback) stops. */
int sc__child_exec(const struct sc_child *c)
{
	if (!c->search) {
		syscall(SYS_execve, c->path, c->argv, c->envp);
		return errno;
	}
	size_t n = strlen(c->path);
	if (n == 0)
		return ENOENT;
	if (n > NAME_MAX)
		return ENAMETOOLONG;
	char buf[PATH_MAX];
	int eacces = 0;
	for (const char *p = c->search;; p++) {
		const char *end = strchrnul(p, ':');
		size_t len = (size_t)(end - p);
		/* An element too long for a path cannot name the program: skip it. */
		if (len + 1 + n < sizeof buf) {
			memcpy(buf, p, len);
			if (len)
				buf[len++] = '/';
			memcpy(buf + len, c->path, n + 1);
			syscall(SYS_execve, buf, c->argv, c->envp);
			switch (errno) {
			case EACCES:
				eacces = 1;
				break;
			case ENOENT:
			case ENOTDIR:
				break;
			default:
				return errno;
			}
		}
		if (!*end)
			break;
		p = end;
	}
	return eacces ? EACCES : ENOENT;
}
