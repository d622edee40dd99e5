/* Every open fd: what it is, its open file description's access mode and
 * status flags, FD_CLOEXEC and offset. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "names.h"
#include "observe.h"

static int observe_fd(struct observe_fd *pf, int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -errno;
	int status = fcntl(fd, F_GETFL);
	int fdflags = fcntl(fd, F_GETFD);
	if (status < 0 || fdflags < 0)
		return -errno;
	off_t off = lseek(fd, 0, SEEK_CUR);
	pf->fd = fd;
	pf->kind = sc_file_type_name(st.st_mode);
	pf->major = major(st.st_dev);
	pf->minor = minor(st.st_dev);
	pf->ino = (uint64_t)st.st_ino;
	pf->status = status;
	pf->cloexec = (fdflags & FD_CLOEXEC) != 0;
	pf->offset = off < 0 ? -1 : (int64_t)off;
	return 0;
}

static int parse_fd(const char *name)
{
	char *end;
	errno = 0;
	long n = strtol(name, &end, 10);
	if (errno || end == name || *end || n < 0 || n > 0x7fffffff)
		return -1;
	return (int)n;
}

/* The directory stream takes the lowest free fd, so it cannot hide or
 * shift any fd that was open before; it is left out of the listing. Any
 * failure means the table cannot be reported completely, and a partial
 * table would be a false observation. */
int observe_fds(struct observation *obs, int exclude_fd)
{
	DIR *dir = opendir("/proc/self/fd");
	if (!dir)
		return -errno;
	int own = dirfd(dir);
	int rc = 0;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		int fd = parse_fd(de->d_name);
		if (fd < 0) {
			rc = -EINVAL;
			break;
		}
		if (fd == own || fd == exclude_fd)
			continue;
		if (obs->nfds == OBSERVE_MAX_FDS) {
			rc = -EMFILE;
			break;
		}
		rc = observe_fd(&obs->fds[obs->nfds], fd);
		if (rc < 0)
			break;
		obs->nfds++;
		errno = 0;
	}
	if (rc == 0 && errno)
		rc = -errno;
	closedir(dir);
	return rc;
}
