/* Growing text buffer (text.h). */
#define _GNU_SOURCE

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static int reserve(struct sc_text *t, size_t n)
{
	if (t->failed)
		return -1;
	if (n <= t->cap - t->len)
		return 0;
	size_t cap = t->cap ? t->cap : 4096;
	while (cap - t->len < n) {
		if (cap > ((size_t)-1) / 2) {
			t->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(t->buf, cap);
	if (!p) {
		t->failed = 1;
		return -1;
	}
	t->buf = p;
	t->cap = cap;
	return 0;
}

void sc_text_bytes(struct sc_text *t, const void *p, size_t n)
{
	if (n == 0 || reserve(t, n) < 0)
		return;
	memcpy(t->buf + t->len, p, n);
	t->len += n;
}

void sc_text_str(struct sc_text *t, const char *s)
{
	sc_text_bytes(t, s, strlen(s));
}

void sc_text_vprintf(struct sc_text *t, const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		t->failed = 1;
	} else if ((size_t)n < sizeof small) {
		sc_text_bytes(t, small, (size_t)n);
	} else if (reserve(t, (size_t)n + 1) == 0) {
		vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, again);
		t->len += (size_t)n;
	}
	va_end(again);
}

void sc_text_printf(struct sc_text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sc_text_vprintf(t, fmt, ap);
	va_end(ap);
}

int sc_text_failed(const struct sc_text *t)
{
	return t->failed;
}

void sc_text_free(struct sc_text *t)
{
	free(t->buf);
	memset(t, 0, sizeof *t);
}
