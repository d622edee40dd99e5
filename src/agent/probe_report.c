/* Reading probe reports (probe_report.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe_report.h"

int sc_probe_report_take(const char *scratch, pid_t pid, struct sc_text *report)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/sc/report.%d", scratch, (int)pid);
	if (n < 0 || (size_t)n >= sizeof path)
		return -ENAMETOOLONG;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = 0;
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rc = r < 0 ? -errno : 0;
			break;
		}
		sc_text_bytes(report, buf, (size_t)r);
	}
	close(fd);
	unlink(path);
	return rc;
}

void sc_lines(const struct sc_text *text, void (*fn)(const char *line, size_t len, void *ctx), void *ctx)
{
	size_t pos = 0;
	while (pos < text->len) {
		const char *nl = memchr(text->buf + pos, '\n', text->len - pos);
		size_t len = nl ? (size_t)(nl - (text->buf + pos)) : text->len - pos;
		fn(text->buf + pos, len, ctx);
		pos += len + 1;
	}
}
