/* names.h — numbers ↔ names for the wire and the reply, all derived from
 * src/model/spawn_ops.def so no second list can drift from it. The wire
 * carries SC_OFLAG/SC_ATTRFLAG bit indexes, never native values, because
 * those differ between architectures. */
#ifndef SPAWNCHECK_AGENT_NAMES_H
#define SPAWNCHECK_AGENT_NAMES_H

#include <stdint.h>

enum sc_op {
#define SC_ACTION(ID, name, sig, optional) SC_OP_##ID,
#include "spawn_ops.def"
	SC_OP_COUNT
};

enum {
#define SC_OFLAG(NAME) SC_OFLAG_BIT_##NAME,
#include "spawn_ops.def"
	SC_OFLAG_COUNT
};

enum {
#define SC_ATTRFLAG(NAME, short) SC_ATTRFLAG_BIT_##NAME,
#include "spawn_ops.def"
	SC_ATTRFLAG_COUNT
};

/* Large enough for "SIGRT32", "E#-2147483648" and every listed name. */
#define SC_NAME_MAX 16

/* The case-file name of an action ("addchdir"). */
const char *sc_op_name(unsigned op);

/* "0", the SC_ERRNO name, or "E#<n>" for a number spawn_ops.def lacks. */
const char *sc_errno_name(int err, char buf[SC_NAME_MAX]);
/* "SIGSEGV", "SIGRT<n-32>" for 32..64, else the decimal number. */
const char *sc_signal_name(int sig, char buf[SC_NAME_MAX]);

/* SC_OFLAG / SC_ATTRFLAG bit sets to the native values of this target. */
int sc_oflags_native(uint32_t bits);
short sc_attrflags_native(uint32_t bits);

#endif
