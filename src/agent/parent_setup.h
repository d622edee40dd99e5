/* parent_setup.h — puts the worker into the caller state a RUN describes,
 * in the order of docs/protocol.md: cwd, umask, fds in record order,
 * environ, dispositions, and the signal mask last (so nothing the setup
 * does runs with the case's mask). */
#ifndef SPAWNCHECK_AGENT_PARENT_SETUP_H
#define SPAWNCHECK_AGENT_PARENT_SETUP_H

#include <stddef.h>

#include "request.h"

/* root: <scratch>/root, which CWD and PFD paths are relative to. 0, or -1
 * with "<call>(<arg>): <ERRNAME>" in why. */
int sc_parent_setup(const struct sc_request *req, const char *root, char *why, size_t whylen);

#endif
