/* The agent's request decoder over arbitrary payloads (request.h): it must
 * never read out of bounds, and what it accepts must be usable as is, so
 * every decoded string and array is walked here for ASan to check; a
 * refusal must say why. */
#define _GNU_SOURCE

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t touch_all(char *const *v)
{
	size_t n = 0;
	for (; *v; v++)
		n += touch(*v);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_request req;
	char err[256];
	if (sc_request_decode(data, size, &req, err, sizeof err) < 0) {
		if (err[0] == '\0')
			__builtin_trap();
		return 0;
	}
	/* strlen reads every byte: ASan checks each string is in the block and
	 * NUL-terminated. The sum only keeps the reads from being optimised out. */
	volatile size_t sink = touch(req.scratch) + touch(req.probe) + touch(req.backend_name) +
	                       touch(req.impl_path) + touch(req.scenario) + touch(req.cwd) + touch(req.path);
	sink += touch_all(req.argv) + touch_all(req.envp) + touch_all(req.penv);
	for (size_t i = 0; i < req.npfds; i++)
		sink += touch(req.pfds[i].path);
	for (size_t i = 0; i < req.nactions; i++)
		sink += touch(req.actions[i].path);
	(void)sink;
	sc_request_free(&req);
	return 0;
}
