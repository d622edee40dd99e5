/* hello.h — the HELLO reply: what this agent is and runs on. */
#ifndef SPAWNCHECK_AGENT_HELLO_H
#define SPAWNCHECK_AGENT_HELLO_H

#include "text.h"

void sc_hello_reply(struct sc_text *reply);

#endif
