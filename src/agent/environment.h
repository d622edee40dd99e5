/* environment.h — what the machine under the agent does with the kernel
 * primitives spawning rests on, observed rather than assumed: an emulator
 * such as qemu-user turns CLONE_VM|CLONE_VFORK into a plain fork, lacks
 * clone3 and refuses PR_SET_CHILD_SUBREAPER. Reported in HELLO so the
 * harness can tell an implementation's failure from the environment's. */
#ifndef SPAWNCHECK_AGENT_ENVIRONMENT_H
#define SPAWNCHECK_AGENT_ENVIRONMENT_H

#include "text.h"

/* Records the outcome of the agent's own prctl(PR_SET_CHILD_SUBREAPER):
 * 0 or an errno. */
void sc_environment_subreaper(int error);
/* Appends "vm-shared 0|1", "clone3 ok|<errno>" and "subreaper ok|<errno>"
 * lines to a HELLO reply. */
void sc_environment_reply(struct sc_text *reply);

#endif
