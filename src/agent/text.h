/* text.h — a growing byte buffer for reply text.
 *
 * Out of memory is sticky: later appends are dropped and sc_text_failed
 * reports it once, at the end, instead of at every call site. */
#ifndef SPAWNCHECK_AGENT_TEXT_H
#define SPAWNCHECK_AGENT_TEXT_H

#include <stdarg.h>
#include <stddef.h>

struct sc_text {
	char *buf;
	size_t len, cap;
	int failed;
};

void sc_text_bytes(struct sc_text *t, const void *p, size_t n);
void sc_text_str(struct sc_text *t, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void sc_text_vprintf(struct sc_text *t, const char *fmt, va_list ap);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void sc_text_printf(struct sc_text *t, const char *fmt, ...);
int sc_text_failed(const struct sc_text *t);
void sc_text_free(struct sc_text *t);

#endif
