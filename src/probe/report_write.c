/* Writes the report (docs/protocol.md, "Probe report") to
 * <dir of /proc/self/exe>/report.<pid>, through report.<pid>.tmp and a
 * rename, so a reader never sees half a report. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* rename only */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"
#include "probe.h"

static struct out out;

static void write_report(const struct observation *obs)
{
	out_str(&out, "probe 1\n");
	observe_line_u64(&out, "pid", obs->pid);
	observe_line_u64(&out, "ppid", obs->ppid);
	observe_line_u64(&out, "pgid", obs->pgid);
	observe_line_u64(&out, "sid", obs->sid);
	out_str(&out, "ids ");
	out_u64(&out, obs->uid);
	out_str(&out, " ");
	out_u64(&out, obs->euid);
	out_str(&out, " ");
	out_u64(&out, obs->gid);
	out_str(&out, " ");
	out_u64(&out, obs->egid);
	out_str(&out, "\n");
	observe_line_umask(&out, obs->umask);
	observe_line_hex(&out, "cwd", obs->cwd);
	for (char *const *a = obs->argv; *a; a++)
		observe_line_hex(&out, "arg", *a);
	for (char *const *e = obs->envp; e && *e; e++)
		observe_line_hex(&out, "env", *e);
	for (size_t i = 0; i < obs->nfds; i++)
		observe_line_fd(&out, &obs->fds[i]);
	observe_line_sigset(&out, "sigmask", obs->sigmask);
	observe_line_sigset(&out, "sigign", obs->sigign);
	observe_line_sigset(&out, "sigcatch", obs->sigcatch);
	out_str(&out, "end\n");
}

/* Fills path and tmp (path + ".tmp"); -ENAMETOOLONG when they do not fit. */
static int report_paths(uint64_t pid, char *path, char *tmp, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", path, size);
	if (n < 0)
		return -errno;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	char *slash = memrchr(path, '/', (size_t)n);
	if (!slash)
		return -EINVAL;
	static const char base[] = "report.", suffix[] = ".tmp";
	char digits[20];
	size_t ndigits = u64_decimal(digits, pid);
	size_t dir = (size_t)(slash + 1 - path);
	size_t len = dir + strlen(base) + ndigits;
	if (len + sizeof suffix > size)
		return -ENAMETOOLONG;
	memcpy(path + dir, base, strlen(base));
	memcpy(path + dir + strlen(base), digits, ndigits);
	path[len] = '\0';
	memcpy(tmp, path, len);
	memcpy(tmp + len, suffix, sizeof suffix);
	return 0;
}

int report_write(const struct observation *obs)
{
	static char path[OBSERVE_PATH_MAX], tmp[OBSERVE_PATH_MAX];
	int rc = report_paths(obs->pid, path, tmp, sizeof path);
	if (rc < 0)
		return rc;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	out.sink = out_fd_sink;
	out.ctx = &fd;
	/* The case's umask may have stripped every bit; the agent must read it. */
	rc = fchmod(fd, 0600) != 0 ? -errno : 0;
	write_report(obs);
	if (rc == 0)
		rc = out_flush(&out);
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	return rc;
}
