/* Process identity, credentials, umask and cwd of the observing process. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64

#include <sys/stat.h>
#include <unistd.h>

#include "observe.h"

void observe_process(struct observation *obs)
{
	obs->pid = (uint64_t)getpid();
	obs->ppid = (uint64_t)getppid();
	obs->pgid = (uint64_t)getpgrp();
	obs->sid = (uint64_t)getsid(0);
	obs->uid = getuid();
	obs->euid = geteuid();
	obs->gid = getgid();
	obs->egid = getegid();
	/* umask can only be read by setting it; put it straight back. */
	mode_t mask = umask(0);
	umask(mask);
	obs->umask = (unsigned)mask;
	/* A cwd that cannot be named (removed, too long) is reported as "",
	 * which no real cwd is, rather than dropping the whole report. */
	if (!getcwd(obs->cwd, sizeof obs->cwd))
		obs->cwd[0] = '\0';
}
