/* Tables generated from spawn_ops.def (see names.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "names.h"

/* The wire and the case format name signals by these numbers; a target
 * whose headers disagree would silently test the wrong signal. */
#define SC_SIGNAL(NAME, number, kind) _Static_assert(NAME == number, #NAME " is not " #number);
#include "spawn_ops.def"

static const char *const ops[] = {
#define SC_ACTION(ID, name, sig, slot) name,
#include "spawn_ops.def"
};

static const struct {
	int value;
	const char *name;
} errnos[] = {
#define SC_ERRNO(NAME) {NAME, #NAME},
#include "spawn_ops.def"
};

static const char *const signals[SC_SIGNAL_RT_BASE] = {
#define SC_SIGNAL(NAME, number, kind) [number] = #NAME,
#include "spawn_ops.def"
};

enum role { ACCESS, STATUS, OPEN };
static const struct {
	const char *name;
	int value;
	enum role role;
} oflags[] = {
#define SC_OFLAG(NAME, role) {#NAME, NAME, role},
#include "spawn_ops.def"
};

static const short attrflags[] = {
#define SC_ATTRFLAG(NAME, short) NAME,
#include "spawn_ops.def"
};

static const struct {
	const char *name;
	mode_t type;
} file_types[] = {
#define SC_FILE_TYPE(name, type) {#name, type},
#include "spawn_ops.def"
};

const char *sc_op_name(unsigned op)
{
	return op < SC_OP_COUNT ? ops[op] : "?";
}

const char *sc_errno_name(int err, char buf[SC_NAME_MAX])
{
	if (err == 0)
		return "0";
	for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
		if (errnos[i].value == err)
			return errnos[i].name;
	snprintf(buf, SC_NAME_MAX, "E#%d", err);
	return buf;
}

const char *sc_signal_name(int sig, char buf[SC_NAME_MAX])
{
	if (sig > 0 && sig < SC_SIGNAL_RT_BASE && signals[sig])
		return signals[sig];
	if (sig >= SC_SIGNAL_RT_BASE && sig <= SC_SIGNAL_MAX)
		snprintf(buf, SC_NAME_MAX, "SIGRT%d", sig - SC_SIGNAL_RT_BASE);
	else
		snprintf(buf, SC_NAME_MAX, "%d", sig);
	return buf;
}

int sc_oflags_native(uint32_t bits)
{
	int flags = 0;
	for (unsigned i = 0; i < SC_OFLAG_COUNT; i++)
		if (bits & (UINT32_C(1) << i))
			flags |= oflags[i].value;
	return flags;
}

short sc_attrflags_native(uint32_t bits)
{
	int flags = 0;
	for (unsigned i = 0; i < SC_ATTRFLAG_COUNT; i++)
		if (bits & (UINT32_C(1) << i))
			flags |= attrflags[i];
	return (short)flags;
}

uint32_t sc_oflags_reported(int status)
{
	uint32_t bits = 0;
	for (unsigned i = 0; i < SC_OFLAG_COUNT; i++) {
		int v = oflags[i].value;
		int shown = oflags[i].role == ACCESS ? (status & O_ACCMODE) == v
		                                     : oflags[i].role == STATUS && (status & v) == v;
		if (shown)
			bits |= UINT32_C(1) << i;
	}
	return bits;
}

const char *sc_oflag_name(unsigned i)
{
	return i < SC_OFLAG_COUNT ? oflags[i].name : "?";
}

const char *sc_file_type_name(mode_t mode)
{
	size_t n = sizeof file_types / sizeof file_types[0];
	for (size_t i = 0; i + 1 < n; i++)
		if ((mode & S_IFMT) == file_types[i].type)
			return file_types[i].name;
	return file_types[n - 1].name;
}
