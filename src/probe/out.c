/* Buffered, allocation-free output for the report (see out.h). */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "out.h"

int out_fd_sink(void *ctx, const char *p, size_t n)
{
	const int *fd = ctx;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(*fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		done += (size_t)w;
	}
	return 0;
}

static void drain(struct out *o)
{
	if (!o->err && o->len)
		o->err = o->sink(o->ctx, o->buf, o->len);
	o->len = 0;
}

static void put(struct out *o, char c)
{
	if (o->len == sizeof o->buf)
		drain(o);
	o->buf[o->len++] = c;
}

void out_bytes(struct out *o, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(o, p[i]);
}

void out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

size_t u64_decimal(char digits[20], uint64_t v)
{
	char rev[20];
	size_t n = 0;
	do {
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	return n;
}

void out_u64(struct out *o, uint64_t v)
{
	char digits[20];
	out_bytes(o, digits, u64_decimal(digits, v));
}

void out_hex(struct out *o, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	put(o, 'x');
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)p[i];
		put(o, hex[b >> 4]);
		put(o, hex[b & 15]);
	}
}

int out_flush(struct out *o)
{
	drain(o);
	return o->err;
}
