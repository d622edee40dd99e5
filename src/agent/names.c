/* Tables generated from spawn_ops.def (see names.h). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

/* The wire and the case format name signals by these numbers; a target
 * whose headers disagree would silently test the wrong signal. */
#define SC_SIGNAL(NAME, number) _Static_assert(NAME == number, #NAME " is not " #number);
#include "spawn_ops.def"

static const char *const ops[] = {
#define SC_ACTION(ID, name, sig, optional) name,
#include "spawn_ops.def"
};

static const struct {
	int value;
	const char *name;
} errnos[] = {
#define SC_ERRNO(NAME) {NAME, #NAME},
#include "spawn_ops.def"
};

static const char *const signals[32] = {
#define SC_SIGNAL(NAME, number) [number] = #NAME,
#include "spawn_ops.def"
};

static const int oflags[] = {
#define SC_OFLAG(NAME) NAME,
#include "spawn_ops.def"
};

static const short attrflags[] = {
#define SC_ATTRFLAG(NAME, short) NAME,
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
	if (sig > 0 && sig < 32 && signals[sig])
		return signals[sig];
	if (sig >= 32 && sig <= 64)
		snprintf(buf, SC_NAME_MAX, "SIGRT%d", sig - 32);
	else
		snprintf(buf, SC_NAME_MAX, "%d", sig);
	return buf;
}

int sc_oflags_native(uint32_t bits)
{
	int flags = 0;
	for (unsigned i = 0; i < SC_OFLAG_COUNT; i++)
		if (bits & (UINT32_C(1) << i))
			flags |= oflags[i];
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
