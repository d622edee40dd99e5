/* frame.h — "SCP1" | u32 LE length | payload frames on the protocol fds
 * (wire.h). */
#ifndef SPAWNCHECK_AGENT_FRAME_H
#define SPAWNCHECK_AGENT_FRAME_H

#include <stddef.h>

enum sc_frame_status {
	SC_FRAME_OK,    /* *payload (malloc'd) and *len set */
	SC_FRAME_EOF,   /* end of input between frames */
	SC_FRAME_BAD,   /* unreadable or malformed; err says why; the stream
	                   cannot be resynchronised */
};

enum sc_frame_status sc_frame_read(int fd, unsigned char **payload, size_t *len, char *err,
                                   size_t errlen);
/* Writes one frame whose payload is the type byte then body; 0 or -errno
 * (-EMSGSIZE above SC_WIRE_MAX_PAYLOAD). */
int sc_frame_write(int fd, int type, const char *body, size_t n);

#endif
