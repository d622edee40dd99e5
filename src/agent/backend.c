/* Chooses the backend table for a request (backend.h). */
#define _GNU_SOURCE

#include <string.h>

#include "backend.h"

int sc_backend_open(const struct sc_request *req, struct sc_backend *b, char *why, size_t whylen)
{
	memset(b, 0, sizeof *b);
	switch (req->backend) {
	case SC_BACKEND_LIBC:
		sc_backend_libc(b);
		return 0;
	case SC_BACKEND_IMPL:
		return sc_backend_impl(req->impl_path, b, why, whylen);
	default:
		sc_backend_refcore(req->backend, b);
		return 0;
	}
}
