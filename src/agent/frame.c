/* Frame reading and writing (frame.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "names.h"
#include "wire.h"

/* Bytes read (short only at end of input) or -errno. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = read(fd, (char *)buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

static int write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, (const char *)buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		done += (size_t)w;
	}
	return 0;
}

static enum sc_frame_status bad(char *err, size_t errlen, const char *what, ssize_t r)
{
	char name[SC_NAME_MAX];
	if (r < 0)
		snprintf(err, errlen, "%s: read: %s", what, sc_errno_name((int)-r, name));
	else
		snprintf(err, errlen, "%s: truncated", what);
	return SC_FRAME_BAD;
}

enum sc_frame_status sc_frame_read(int fd, unsigned char **payload, size_t *len, char *err,
                                   size_t errlen)
{
	unsigned char head[8];
	ssize_t r = read_full(fd, head, sizeof head);
	if (r == 0)
		return SC_FRAME_EOF;
	if (r != (ssize_t)sizeof head)
		return bad(err, errlen, "frame header", r);
	if (memcmp(head, SC_WIRE_MAGIC, 4) != 0) {
		snprintf(err, errlen, "bad magic %02x%02x%02x%02x", head[0], head[1], head[2], head[3]);
		return SC_FRAME_BAD;
	}
	uint32_t n = (uint32_t)head[4] | (uint32_t)head[5] << 8 | (uint32_t)head[6] << 16 |
	             (uint32_t)head[7] << 24;
	if (n > SC_WIRE_MAX_PAYLOAD) {
		snprintf(err, errlen, "payload length %u over %u", (unsigned)n, SC_WIRE_MAX_PAYLOAD);
		return SC_FRAME_BAD;
	}
	unsigned char *p = malloc(n ? n : 1);
	if (!p) {
		snprintf(err, errlen, "out of memory for a %u-byte payload", (unsigned)n);
		return SC_FRAME_BAD;
	}
	r = read_full(fd, p, n);
	if (r != (ssize_t)n) {
		free(p);
		return bad(err, errlen, "frame payload", r);
	}
	*payload = p;
	*len = n;
	return SC_FRAME_OK;
}

int sc_frame_write(int fd, int type, const char *body, size_t n)
{
	if (n >= SC_WIRE_MAX_PAYLOAD)
		return -EMSGSIZE;
	uint32_t total = (uint32_t)n + 1;
	unsigned char head[9] = {0, 0, 0, 0, (unsigned char)total, (unsigned char)(total >> 8),
	                         (unsigned char)(total >> 16), (unsigned char)(total >> 24),
	                         (unsigned char)type};
	memcpy(head, SC_WIRE_MAGIC, 4);
	int rc = write_full(fd, head, sizeof head);
	return rc < 0 ? rc : write_full(fd, body, n);
}
