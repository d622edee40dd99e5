/* names.h — the C view of src/model/spawn_ops.def: every number <-> name
 * conversion the target side makes (agent, probe), so no second list can
 * drift from it. The wire carries SC_OFLAG/SC_ATTRFLAG bit indexes, never
 * native values, because those differ between architectures. The C++ view
 * is src/model/surface.h; tests/unit/surface_test.cpp holds the two to the
 * same answers. */
#ifndef SPAWNCHECK_NAMES_H
#define SPAWNCHECK_NAMES_H

#include <stdint.h>
#include <sys/types.h>

enum sc_op {
#define SC_ACTION(ID, name, sig, slot) SC_OP_##ID,
#include "spawn_ops.def"
	SC_OP_COUNT
};

enum {
#define SC_OFLAG(NAME, role) SC_OFLAG_BIT_##NAME,
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

/* The SC_OFLAG bits an F_GETFL value shows: its access mode and the STATUS
 * flags among the rest (0 for an access mode no SC_OFLAG names). */
uint32_t sc_oflags_reported(int status);
/* The SC_OFLAG name of bit i ("O_APPEND"). */
const char *sc_oflag_name(unsigned i);

/* The SC_FILE_TYPE name of an st_mode ("reg", "unknown"). */
const char *sc_file_type_name(mode_t mode);

#endif
