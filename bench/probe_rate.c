/* spawncheck-bench-probe-rate: the raw spawn+wait rate of the probe, the
 * yardstick of `spawncheck fuzz` execs/s (ci/bench-fuzz).
 *
 *   spawncheck-bench-probe-rate PROBE SECONDS SPAWNERS
 *
 * Each spawner thread runs posix_spawn(probe) + waitpid as fast as it can
 * for SECONDS; the probe writes its report next to its executable, so it
 * runs from a private copy and each report is removed, as the agent does.
 * Prints "spawns <n> seconds <s> rate <n/s>". */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SPAWNERS 64

static char dir[64], probe[128];
static double seconds;

struct spawner {
	pthread_t thread;
	unsigned long spawns;
	int err;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	char buf[65536];
	ssize_t n = 0;
	while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	int ok = in >= 0 && out >= 0 && n == 0;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ok ? 0 : -1;
}

static void *spawn_loop(void *arg)
{
	struct spawner *s = arg;
	static char name[] = "probe";
	char *argv[] = {name, NULL}, *envp[] = {NULL};
	double end = now() + seconds;
	while (now() < end) {
		pid_t pid;
		int rc = posix_spawn(&pid, probe, NULL, NULL, argv, envp);
		int status;
		if (rc != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			s->err = rc ? rc : ECHILD;
			break;
		}
		char report[160];
		snprintf(report, sizeof report, "%s/report.%d", dir, (int)pid);
		unlink(report);
		s->spawns++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int spawners = argc == 4 ? atoi(argv[3]) : 0;
	seconds = argc == 4 ? atof(argv[2]) : 0;
	if (spawners < 1 || spawners > MAX_SPAWNERS || seconds <= 0) {
		fprintf(stderr, "usage: %s PROBE SECONDS SPAWNERS\n", argv[0]);
		return 2;
	}
	snprintf(dir, sizeof dir, "/tmp/spawncheck-probe-rate.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(probe, sizeof probe, "%s/probe", dir);
	int status = 0;
	struct spawner s[MAX_SPAWNERS];
	memset(s, 0, sizeof s);
	double start = now(), took = 0;
	if (copy_file(argv[1], probe) != 0) {
		fprintf(stderr, "cannot copy %s to %s\n", argv[1], probe);
		status = 2;
	} else {
		start = now();
		for (int i = 0; i < spawners; i++)
			pthread_create(&s[i].thread, NULL, spawn_loop, &s[i]);
		unsigned long total = 0;
		for (int i = 0; i < spawners; i++) {
			pthread_join(s[i].thread, NULL);
			total += s[i].spawns;
			if (s[i].err) {
				fprintf(stderr, "spawn of %s: %s\n", probe, strerror(s[i].err));
				status = 1;
			}
		}
		took = now() - start;
		printf("spawns %lu seconds %.3f rate %.1f\n", total, took, (double)total / took);
	}
	unlink(probe);
	rmdir(dir);
	return status;
}
