#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "clone3_filter.h"
#include "names.h"

/* The kernel's classic BPF and seccomp ABI (linux/filter.h, linux/seccomp.h),
 * spelled here because musl's headers do not carry the kernel's. */
struct sc_sock_filter {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};
struct sc_sock_fprog {
	unsigned short len;
	struct sc_sock_filter *filter;
};
enum {
	kLoadWordAbs = 0x20, /* BPF_LD | BPF_W | BPF_ABS */
	kJumpEqual = 0x15,   /* BPF_JMP | BPF_JEQ | BPF_K */
	kReturn = 0x06,      /* BPF_RET | BPF_K */
	kModeFilter = 2,     /* SECCOMP_MODE_FILTER */
	kNrOffset = 0,       /* offsetof(struct seccomp_data, nr) */
};
#define SC_RET_ERRNO 0x00050000u
#define SC_RET_ALLOW 0x7fff0000u

static int errno_named(const char *name)
{
	char buf[SC_NAME_MAX];
	for (int e = 1; e < 4096; ++e)
		if (strcmp(sc_errno_name(e, buf), name) == 0)
			return e;
	return 0;
}

int sc_clone3_filter(const char *errno_name, char *err, size_t size)
{
	int e = errno_named(errno_name);
	if (!e) {
		snprintf(err, size, "--clone3-errno %s: not an error name", errno_name);
		return -1;
	}
#ifdef SYS_clone3
	/* The system call number alone decides: the agent runs natively (under
	 * qemu-user, which refuses filters, clone3 is ENOSYS anyway). */
	struct sc_sock_filter code[] = {
		{kLoadWordAbs, 0, 0, kNrOffset},
		{kJumpEqual, 0, 1, (uint32_t)SYS_clone3},
		{kReturn, 0, 0, SC_RET_ERRNO | (uint32_t)e},
		{kReturn, 0, 0, SC_RET_ALLOW},
	};
	struct sc_sock_fprog prog = {(unsigned short)(sizeof code / sizeof code[0]), code};
	/* Without NO_NEW_PRIVS an unprivileged process may not install one. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0 || prctl(PR_SET_SECCOMP, kModeFilter, &prog, 0L, 0L) != 0) {
		char buf[SC_NAME_MAX];
		snprintf(err, size, "--clone3-errno: prctl(PR_SET_SECCOMP): %s", sc_errno_name(errno, buf));
		return -1;
	}
	return 0;
#else
	snprintf(err, size, "--clone3-errno: this target has no clone3");
	return -1;
#endif
}
