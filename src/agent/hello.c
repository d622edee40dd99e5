/* The HELLO reply (hello.h). */
#define _GNU_SOURCE

#include <sys/utsname.h>

#include "environment.h"
#include "hello.h"
#include "wire.h"

/* musl defines no identifying macro on purpose; it is the Linux libc
 * without glibc's <sys/cdefs.h>. */
#if defined(__GLIBC__) && !defined(__UCLIBC__)
#define LIBC "glibc"
#elif defined(__linux__) && !__has_include(<sys/cdefs.h>)
#define LIBC "musl"
#else
#define LIBC "unknown"
#endif

void sc_hello_reply(struct sc_text *reply)
{
	struct utsname u;
	sc_text_printf(reply, "agent %d\nlibc %s\narch %s\n", SC_WIRE_VERSION, LIBC,
	               uname(&u) == 0 ? u.machine : "unknown");
	sc_environment_reply(reply);
	sc_text_printf(reply, "end\n");
}
