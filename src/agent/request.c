/* Decoder of request payloads (request.h, wire.h). Two passes over the
 * records: the first validates everything and counts, the second, which
 * cannot fail, copies into one block sized by the first. */
#define _GNU_SOURCE

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "request.h"
#include "wire.h"

struct tag_info {
	const char *name;
	int msg;          /* the only message the record may appear in */
	unsigned width;   /* bytes of fixed-width fields */
	int bytes;        /* variable bytes (a string) follow the fields */
	int repeat;       /* may appear more than once */
};

static const struct tag_info tags[] = {
	[SC_T_SCRATCH] = {"SCRATCH", SC_MSG_HELLO, 0, 1, 0},
	[SC_T_PROBE] = {"PROBE", SC_MSG_HELLO, 0, 1, 0},
	[SC_T_BACKEND] = {"BACKEND", SC_MSG_RUN, 0, 1, 0},
	[SC_T_SCENARIO] = {"SCENARIO", SC_MSG_RUN, 0, 1, 0},
	[SC_T_TIMEOUT] = {"TIMEOUT", SC_MSG_RUN, 4, 0, 0},
	[SC_T_CWD] = {"CWD", SC_MSG_RUN, 0, 1, 0},
	[SC_T_UMASK] = {"UMASK", SC_MSG_RUN, 4, 0, 0},
	[SC_T_PFD] = {"PFD", SC_MSG_RUN, 28, 1, 1},
	[SC_T_PSIGMASK] = {"PSIGMASK", SC_MSG_RUN, 8, 0, 0},
	[SC_T_PSIGIGN] = {"PSIGIGN", SC_MSG_RUN, 8, 0, 0},
	[SC_T_PSIGCATCH] = {"PSIGCATCH", SC_MSG_RUN, 8, 0, 0},
	[SC_T_PENV] = {"PENV", SC_MSG_RUN, 0, 1, 1},
	[SC_T_FUNC] = {"FUNC", SC_MSG_RUN, 4, 0, 0},
	[SC_T_PATH] = {"PATH", SC_MSG_RUN, 0, 1, 0},
	[SC_T_ARG] = {"ARG", SC_MSG_RUN, 0, 1, 1},
	[SC_T_ENV] = {"ENV", SC_MSG_RUN, 0, 1, 1},
	[SC_T_ENV_INHERIT] = {"ENV_INHERIT", SC_MSG_RUN, 0, 0, 0},
	[SC_T_ACTION] = {"ACTION", SC_MSG_RUN, 20, 1, 1},
	[SC_T_ATTRFLAGS] = {"ATTRFLAGS", SC_MSG_RUN, 4, 0, 0},
	[SC_T_ATTRSIGMASK] = {"ATTRSIGMASK", SC_MSG_RUN, 8, 0, 0},
	[SC_T_ATTRSIGDEF] = {"ATTRSIGDEF", SC_MSG_RUN, 8, 0, 0},
	[SC_T_ATTRPGROUP] = {"ATTRPGROUP", SC_MSG_RUN, 4, 0, 0},
	[SC_T_PARAM] = {"PARAM", SC_MSG_RUN, 4, 0, 0},
};
#define NTAGS (sizeof tags / sizeof tags[0])

static const char *const backends[] = {
#define SC_BACKEND(ID, name, profile, what) [SC_BACKEND_##ID] = name,
#include "backends.def"
};
#define IMPL_PREFIX "impl:"

struct counts {
	size_t pfds, actions, penv, argv, envp, strbytes;
};

struct decoder {
	struct sc_request *req;
	int fill;            /* 0: validate and count into n; 1: store */
	struct counts n;     /* pass 2: the next index of each array */
	char *strings;       /* pass 2: where the next string is copied */
	uint64_t seen;       /* bit t: tag t met (all tags are < 64) */
	char *err;
	size_t errlen;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(struct decoder *d, const char *fmt, ...)
{
	if (d->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(d->err, d->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static uint32_t u32le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t u64le(const unsigned char *p)
{
	return (uint64_t)u32le(p) | (uint64_t)u32le(p + 4) << 32;
}

static int32_t i32le(const unsigned char *p)
{
	return (int32_t)u32le(p);
}

/* Pass 1 only counts the bytes; pass 2 returns the NUL-terminated copy. */
static char *string(struct decoder *d, const unsigned char *s, size_t n)
{
	if (!d->fill) {
		d->n.strbytes += n + 1;
		return NULL;
	}
	char *copy = d->strings;
	memcpy(copy, s, n);
	copy[n] = '\0';
	d->strings += n + 1;
	return copy;
}

static int decode_backend(struct decoder *d, const unsigned char *s, size_t n, const char *str)
{
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
		if (strlen(backends[i]) == n && memcmp(backends[i], s, n) == 0) {
			d->req->backend = (enum sc_backend_kind)i;
			return 0;
		}
	}
	size_t plen = strlen(IMPL_PREFIX);
	if (n > plen && memcmp(s, IMPL_PREFIX, plen) == 0) {
		d->req->backend = SC_BACKEND_IMPL;
		if (d->fill)
			d->req->impl_path = str + plen;
		return 0;
	}
	return fail(d, "unknown backend '%.*s'", (int)(n > 64 ? 64 : n), (const char *)s);
}

static int decode_pfd(struct decoder *d, const unsigned char *p, const char *path)
{
	struct sc_pfd pfd = {
		.fd = i32le(p),
		.kind = u32le(p + 4),
		.peer = i32le(p + 8),
		.oflags = u32le(p + 12),
		.cloexec = u32le(p + 16) != 0,
		.offset = u64le(p + 20),
		.path = path,
	};
	if (pfd.fd < 0)
		return fail(d, "record PFD: fd %d", pfd.fd);
	if (pfd.kind > SC_PFD_PipeWrite)
		return fail(d, "record PFD: kind %u", pfd.kind);
	if ((pfd.kind == SC_PFD_PipeRead || pfd.kind == SC_PFD_PipeWrite) &&
	    (pfd.peer < 0 || pfd.peer == pfd.fd))
		return fail(d, "record PFD: fd %d has pipe peer %d", pfd.fd, pfd.peer);
	if (pfd.oflags >> SC_OFLAG_COUNT)
		return fail(d, "record PFD: unknown oflags bits 0x%x", (unsigned)pfd.oflags);
	if (u32le(p + 16) > 1)
		return fail(d, "record PFD: cloexec %u", (unsigned)u32le(p + 16));
	if (d->fill)
		d->req->pfds[d->n.pfds] = pfd;
	d->n.pfds++;
	return 0;
}

static int decode_action(struct decoder *d, const unsigned char *p, const char *path)
{
	struct sc_action a = {
		.op = u32le(p),
		.fd = i32le(p + 4),
		.newfd = i32le(p + 8),
		.oflags = u32le(p + 12),
		.mode = u32le(p + 16),
		.path = path,
	};
	if (a.op >= SC_OP_COUNT)
		return fail(d, "record ACTION: op %u", a.op);
	if (a.oflags >> SC_OFLAG_COUNT)
		return fail(d, "record ACTION: unknown oflags bits 0x%x", (unsigned)a.oflags);
	if (d->fill)
		d->req->actions[d->n.actions] = a;
	d->n.actions++;
	return 0;
}

/* Appends to one of the NULL-terminated string arrays. */
static void push(struct decoder *d, char **array, size_t *count, char *str)
{
	if (d->fill)
		array[*count] = str;
	(*count)++;
}

static int record(struct decoder *d, unsigned tag, const unsigned char *p, size_t n)
{
	struct sc_request *req = d->req;
	const struct tag_info *t = tag < NTAGS && tags[tag].name ? &tags[tag] : NULL;
	if (!t)
		return fail(d, "unknown record tag %u", tag);
	if (t->msg != req->msg)
		return fail(d, "record %s in message '%c'", t->name, req->msg);
	if (!t->repeat && (d->seen >> tag & 1))
		return fail(d, "duplicate record %s", t->name);
	d->seen |= UINT64_C(1) << tag;
	if (t->bytes ? n < t->width : n != t->width)
		return fail(d, "record %s: length %zu, want %s%u", t->name, n, t->bytes ? ">= " : "", t->width);
	const unsigned char *s = p + t->width;
	size_t slen = n - t->width;
	if (t->bytes && memchr(s, '\0', slen))
		return fail(d, "record %s: embedded NUL", t->name);
	char *str = t->bytes ? string(d, s, slen) : NULL;

	switch (tag) {
	case SC_T_SCRATCH:
	case SC_T_PROBE:
		if (slen == 0 || s[0] != '/')
			return fail(d, "record %s: not an absolute path", t->name);
		*(tag == SC_T_SCRATCH ? &req->scratch : &req->probe) = str;
		return 0;
	case SC_T_BACKEND:
		req->backend_name = str;
		return decode_backend(d, s, slen, str);
	case SC_T_SCENARIO:
		if (slen == 0)
			return fail(d, "record SCENARIO: empty");
		req->scenario = str;
		return 0;
	case SC_T_TIMEOUT:
		req->timeout_ms = u32le(p);
		return req->timeout_ms ? 0 : fail(d, "record TIMEOUT: 0");
	case SC_T_CWD:
		req->cwd = str;
		return 0;
	case SC_T_UMASK:
		req->umask = u32le(p);
		return req->umask <= 0777 ? 0 : fail(d, "record UMASK: %#o", (unsigned)req->umask);
	case SC_T_PFD:
		return decode_pfd(d, p, str);
	case SC_T_PSIGMASK:
		req->psigmask = u64le(p);
		return 0;
	case SC_T_PSIGIGN:
		req->psigign = u64le(p);
		return 0;
	case SC_T_PSIGCATCH:
		req->psigcatch = u64le(p);
		return 0;
	case SC_T_PENV:
		push(d, req->penv, &d->n.penv, str);
		return 0;
	case SC_T_FUNC:
		if (u32le(p) > 1)
			return fail(d, "record FUNC: %u", (unsigned)u32le(p));
		req->spawnp = u32le(p) == 1;
		return 0;
	case SC_T_PATH:
		req->path = str;
		return 0;
	case SC_T_ARG:
		push(d, req->argv, &d->n.argv, str);
		return 0;
	case SC_T_ENV:
		push(d, req->envp, &d->n.envp, str);
		return 0;
	case SC_T_ENV_INHERIT:
		req->env_inherit = 1;
		return 0;
	case SC_T_ACTION:
		return decode_action(d, p, str);
	case SC_T_ATTRFLAGS:
		req->attr_set |= SC_ATTR_FLAGS;
		req->attr_flags = u32le(p);
		if (req->attr_flags >> SC_ATTRFLAG_COUNT)
			return fail(d, "record ATTRFLAGS: unknown bits 0x%x", (unsigned)req->attr_flags);
		return 0;
	case SC_T_ATTRSIGMASK:
		req->attr_set |= SC_ATTR_SIGMASK;
		req->attr_sigmask = u64le(p);
		return 0;
	case SC_T_ATTRSIGDEF:
		req->attr_set |= SC_ATTR_SIGDEF;
		req->attr_sigdef = u64le(p);
		return 0;
	case SC_T_ATTRPGROUP:
		req->attr_set |= SC_ATTR_PGROUP;
		req->attr_pgroup = i32le(p);
		return 0;
	case SC_T_PARAM:
		req->has_param = 1;
		req->param = u32le(p);
		return 0;
	}
	return fail(d, "record %s: not handled", t->name);
}

static int walk(struct decoder *d, const unsigned char *buf, size_t len)
{
	size_t pos = 1;
	d->seen = 0;
	while (pos < len) {
		if (len - pos < 5)
			return fail(d, "truncated record header at byte %zu", pos);
		unsigned tag = buf[pos];
		size_t n = u32le(buf + pos + 1);
		pos += 5;
		if (n > len - pos)
			return fail(d, "record tag %u: length %zu exceeds the %zu bytes left", tag, n, len - pos);
		if (record(d, tag, buf + pos, n) < 0)
			return -1;
		pos += n;
	}
	return 0;
}

static int check_complete(struct decoder *d)
{
	const struct sc_request *req = d->req;
	if (req->msg == SC_MSG_HELLO && (!(d->seen >> SC_T_SCRATCH & 1) || !(d->seen >> SC_T_PROBE & 1)))
		return fail(d, "HELLO needs SCRATCH and PROBE");
	if (req->msg != SC_MSG_RUN)
		return 0;
	if (!(d->seen >> SC_T_BACKEND & 1))
		return fail(d, "RUN without BACKEND");
	if (!(d->seen >> SC_T_SCENARIO & 1) && !(d->seen >> SC_T_PATH & 1))
		return fail(d, "RUN without PATH or SCENARIO");
	if ((d->seen >> SC_T_ENV_INHERIT & 1) && d->n.envp)
		return fail(d, "RUN with both ENV and ENV_INHERIT");
	if (req->psigign & req->psigcatch)
		return fail(d, "PSIGIGN and PSIGCATCH overlap");
	return 0;
}

/* Adds count elements of size bytes to *total; -1 on overflow. */
static int grow(size_t *total, size_t count, size_t size)
{
	if (count > (SIZE_MAX - *total) / size)
		return -1;
	*total += count * size;
	return 0;
}

/* Carves the arrays and the string area out of one block; structs with
 * 64-bit fields first, so every part stays aligned. */
static int allocate(struct decoder *d, struct sc_request *req)
{
	const struct counts *c = &d->n;
	size_t total = 0;
	if (grow(&total, c->pfds, sizeof(struct sc_pfd)) || grow(&total, c->actions, sizeof(struct sc_action)) ||
	    grow(&total, c->penv + 1, sizeof(char *)) || grow(&total, c->argv + 1, sizeof(char *)) ||
	    grow(&total, c->envp + 1, sizeof(char *)) || grow(&total, c->strbytes, 1))
		return fail(d, "request too large");
	char *block = calloc(1, total);
	if (!block)
		return fail(d, "out of memory for a %zu-byte request", total);
	req->block = block;
	req->pfds = (struct sc_pfd *)(void *)block;
	block += c->pfds * sizeof(struct sc_pfd);
	req->actions = (struct sc_action *)(void *)block;
	block += c->actions * sizeof(struct sc_action);
	req->penv = (char **)(void *)block;
	block += (c->penv + 1) * sizeof(char *);
	req->argv = (char **)(void *)block;
	block += (c->argv + 1) * sizeof(char *);
	req->envp = (char **)(void *)block;
	block += (c->envp + 1) * sizeof(char *);
	d->strings = block;
	req->npfds = c->pfds;
	req->nactions = c->actions;
	return 0;
}

static void init(struct sc_request *req, int msg)
{
	memset(req, 0, sizeof *req);
	req->msg = msg;
	req->timeout_ms = SC_DEFAULT_TIMEOUT_MS;
	req->umask = SC_DEFAULT_UMASK;
	req->cwd = ".";
}

int sc_request_decode(const unsigned char *buf, size_t len, struct sc_request *out,
                      char *err, size_t errlen)
{
	struct sc_request counted;
	struct decoder d = {.req = &counted, .err = err, .errlen = errlen};
	memset(out, 0, sizeof *out);
	if (errlen)
		err[0] = '\0';
	if (len == 0)
		return fail(&d, "empty payload");
	if (buf[0] != SC_MSG_HELLO && buf[0] != SC_MSG_RUN && buf[0] != SC_MSG_QUIT)
		return fail(&d, "unknown message type 0x%02x", (unsigned)buf[0]);
	init(&counted, buf[0]);
	if (walk(&d, buf, len) < 0 || check_complete(&d) < 0)
		return -1;
	init(out, buf[0]);
	if (allocate(&d, out) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	d.req = out;
	d.fill = 1;
	memset(&d.n, 0, sizeof d.n);
	walk(&d, buf, len);
	return 0;
}

void sc_request_free(struct sc_request *req)
{
	free(req->block);
	memset(req, 0, sizeof *req);
}
