/* out.h — a buffered writer for report lines.
 *
 * No stdio: the report can be megabytes (hex argv near ARG_MAX) and the
 * probe must stay small and allocation-free. Each full buffer goes to a
 * sink: an fd for the probe's report, the agent's reply text for its
 * observations. Errors are sticky: after the first failed sink every call
 * is a no-op and out_flush returns -errno. */
#ifndef SPAWNCHECK_PROBE_OUT_H
#define SPAWNCHECK_PROBE_OUT_H

#include <stddef.h>
#include <stdint.h>

struct out {
	/* Takes n buffered bytes; 0 or -errno. */
	int (*sink)(void *ctx, const char *p, size_t n);
	void *ctx;
	int err;          /* 0 or -errno of the first failed sink */
	size_t len;
	char buf[1 << 16];
};

/* Writes v in decimal into digits (no terminator); returns the length. */
size_t u64_decimal(char digits[20], uint64_t v);

void out_bytes(struct out *o, const char *p, size_t n);
void out_str(struct out *o, const char *s);
void out_u64(struct out *o, uint64_t v);
/* "x" then two lowercase hex digits per byte ("x" alone for ""). */
void out_hex(struct out *o, const char *p, size_t n);
int out_flush(struct out *o);

/* A sink writing to the fd that ctx points to. */
int out_fd_sink(void *ctx, const char *p, size_t n);

#endif
