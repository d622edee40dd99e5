#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "raw_spawn.h"

struct exec_args {
	const char *path;
	char *const *argv, *const *envp;
};

pid_t bench_raw_vfork(const char *path, char *const argv[], char *const envp[])
{
	pid_t pid = vfork();
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	return pid < 0 ? -errno : pid;
}

pid_t bench_raw_fork(const char *path, char *const argv[], char *const envp[])
{
	pid_t pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	return pid < 0 ? -errno : pid;
}

static int clone_entry(void *arg)
{
	const struct exec_args *a = arg;
	execve(a->path, a->argv, a->envp);
	_exit(127);
}

pid_t bench_raw_clone(const char *path, char *const argv[], char *const envp[])
{
	/* Per thread: concurrent spawners each suspend only themselves. */
	static _Thread_local _Alignas(16) char stack[16 * 1024];
	struct exec_args a = {path, argv, envp};
	pid_t pid = clone(clone_entry, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &a);
	return pid < 0 ? -errno : pid;
}
