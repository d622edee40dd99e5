/* wire.h — the harness ↔ agent protocol, version 1 (docs/protocol.md).
 *
 * Shared by the C agent and the C++ encoder, so it holds only constants.
 * Every integer on the wire is little-endian whatever the target (s390x is
 * big-endian and runs under qemu beside a little-endian harness).
 *
 * Frame:   "SCP1" (4 bytes) | u32 payload length | payload
 * Request payload:  u8 message type, then records: u8 tag | u32 len | len bytes
 * Response payload: UTF-8-free text lines (docs/protocol.md), after the
 *                   u8 message type.
 */
#ifndef SPAWNCHECK_WIRE_H
#define SPAWNCHECK_WIRE_H

#define SC_WIRE_MAGIC "SCP1"
#define SC_WIRE_VERSION 1
#define SC_WIRE_MAX_PAYLOAD (16u << 20)

/* Message types (first payload byte). */
enum sc_msg {
	SC_MSG_HELLO = 'H',  /* records: SCRATCH, PROBE → reply 'h' */
	SC_MSG_RUN = 'R',    /* records below → reply 'r' */
	SC_MSG_QUIT = 'Q',   /* no records, no reply; the agent exits 0 */
	SC_MSG_HELLO_REPLY = 'h',
	SC_MSG_RUN_REPLY = 'r',
};

/* Record tags. Fixed-width fields come first, in the order listed, then the
 * variable bytes (path or string) fill the rest of the record. i32/u32/u64
 * are little-endian. Unknown tags are a protocol error (reply "broken"). */
enum sc_tag {
	/* HELLO */
	SC_T_SCRATCH = 1,    /* bytes: absolute scratch root */
	SC_T_PROBE = 2,      /* bytes: absolute path of the probe binary */
	/* RUN */
	SC_T_BACKEND = 10,   /* bytes: libc | refcore | vfork-exec | fork-exec |
	                        clone-vfork | impl:<path.so> */
	SC_T_SCENARIO = 11,  /* bytes: scenario name; runs it instead of a spawn */
	SC_T_TIMEOUT = 12,   /* u32 ms for the whole request (default 5000) */
	SC_T_CWD = 13,       /* bytes: parent cwd, scratch-relative */
	SC_T_UMASK = 14,     /* u32 */
	SC_T_PFD = 15,       /* i32 fd, u32 kind (enum sc_pfd_kind), i32 peer,
	                        u32 oflags (SC_OFLAG bits), u32 cloexec,
	                        u64 offset, bytes path */
	SC_T_PSIGMASK = 16,  /* u64 (bit n-1 = signal n) */
	SC_T_PSIGIGN = 17,   /* u64 */
	SC_T_PSIGCATCH = 18, /* u64 */
	SC_T_PENV = 19,      /* bytes: one entry of the caller's environ */
	SC_T_FUNC = 20,      /* u32: 0 posix_spawn, 1 posix_spawnp */
	SC_T_PATH = 21,      /* bytes: program (spawn) or file (spawnp) */
	SC_T_ARG = 22,       /* bytes: one argv element, in order */
	SC_T_ENV = 23,       /* bytes: one envp element, in order */
	SC_T_ENV_INHERIT = 24, /* empty: envp = the caller's environ */
	SC_T_ACTION = 25,    /* u32 op (SC_ACTION index), i32 fd, i32 newfd,
	                        u32 oflags, u32 mode, bytes path */
	SC_T_ATTRFLAGS = 26, /* u32 (SC_ATTRFLAG bits) */
	SC_T_ATTRSIGMASK = 27, /* u64 */
	SC_T_ATTRSIGDEF = 28,  /* u64 */
	SC_T_ATTRPGROUP = 29,  /* i32; INT32_MIN: the caller's own process group
	                          (getpgrp(); case format `attr pgroup caller`) */
	SC_T_PARAM = 30,     /* u32: scenario parameter (e.g. thread count) */
};

/* SC_T_PFD kinds: the index of the SC_PARENT_FD entry. */
enum sc_pfd_kind {
#define SC_PARENT_FD(ID, name) SC_PFD_##ID,
#include "spawn_ops.def"
};

#endif
