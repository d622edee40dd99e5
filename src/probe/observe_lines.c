/* Report lines for an observation (observe.h), in the syntax of
 * docs/protocol.md, "Probe report". */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <fcntl.h>
#include <string.h>

#include "names.h"
#include "observe.h"

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

/* Names, not numbers, cross the wire: the values differ by architecture.
 * The access mode comes first (spawn_ops.def lists the access modes first);
 * an access mode no SC_OFLAG names is left out, which the harness's parser
 * rejects rather than misreads. */
static void write_flags(struct out *o, int status)
{
	uint32_t bits = sc_oflags_reported(status);
	const char *sep = "";
	for (unsigned i = 0; i < SC_OFLAG_COUNT; i++) {
		if (!(bits >> i & 1))
			continue;
		out_str(o, sep);
		out_str(o, sc_oflag_name(i));
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
