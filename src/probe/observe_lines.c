/* Report lines for an observation (observe.h), in the syntax of
 * docs/protocol.md, "Probe report". */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <fcntl.h>
#include <string.h>

#include "observe.h"

/* The open(2) flags a report may name, with this target's values: names,
 * not numbers, cross the wire because the values differ by architecture. */
static const struct {
	const char *name;
	int value;
} oflags[] = {
#define SC_OFLAG(NAME) {#NAME, NAME},
#include "spawn_ops.def"
};

/* The status flags F_GETFL reports faithfully. The other SC_OFLAG entries
 * are open-time only (O_CREAT, O_EXCL, O_TRUNC, O_NOCTTY), belong to the
 * fd rather than the description (O_CLOEXEC), or are not part of protocol
 * version 1 (O_DIRECTORY, O_NOFOLLOW). */
#define REPORTED_STATUS (O_APPEND | O_NONBLOCK | O_SYNC)

void observe_line_u64(struct out *o, const char *key, uint64_t v)
{
	out_str(o, key);
	out_str(o, " ");
	out_u64(o, v);
	out_str(o, "\n");
}

void observe_line_hex(struct out *o, const char *key, const char *s)
{
	out_str(o, key);
	out_str(o, " ");
	out_hex(o, s, strlen(s));
	out_str(o, "\n");
}

void observe_line_umask(struct out *o, unsigned umask)
{
	out_str(o, "umask ");
	for (int shift = 9; shift >= 0; shift -= 3)
		out_u64(o, umask >> shift & 7);
	out_str(o, "\n");
}

void observe_line_sigset(struct out *o, const char *key, uint64_t set)
{
	out_str(o, key);
	out_str(o, " ");
	if (!set)
		out_str(o, "-");
	const char *sep = "";
	for (unsigned sig = 1; sig <= 64; sig++) {
		if (!(set >> (sig - 1) & 1))
			continue;
		out_str(o, sep);
		out_u64(o, sig);
		sep = ",";
	}
	out_str(o, "\n");
}

/* The access mode first (the table lists the access modes first), then the
 * reported status flags. An access mode of 3 (no such SC_OFLAG) leaves the
 * mode out, which the harness's parser rejects rather than misreads. */
static void write_flags(struct out *o, int status)
{
	const char *sep = "";
	for (size_t i = 0; i < sizeof oflags / sizeof oflags[0]; i++) {
		int v = oflags[i].value;
		int shown = (v & ~O_ACCMODE) == 0
			? (status & O_ACCMODE) == v
			: (v & REPORTED_STATUS) == v && (status & v) == v;
		if (!shown)
			continue;
		out_str(o, sep);
		out_str(o, oflags[i].name);
		sep = "|";
	}
}

void observe_line_fd(struct out *o, const struct observe_fd *pf)
{
	out_str(o, "fd ");
	out_u64(o, (uint64_t)pf->fd);
	out_str(o, " kind=");
	out_str(o, pf->kind);
	out_str(o, " dev=");
	out_u64(o, pf->major);
	out_str(o, ":");
	out_u64(o, pf->minor);
	out_str(o, " ino=");
	out_u64(o, pf->ino);
	out_str(o, " flags=");
	write_flags(o, pf->status);
	out_str(o, pf->cloexec ? " cloexec=1 off=" : " cloexec=0 off=");
	if (pf->offset < 0)
		out_str(o, "-");
	else
		out_u64(o, (uint64_t)pf->offset);
	out_str(o, "\n");
}
