/* A fuzz target without a fuzzing engine: runs LLVMFuzzerTestOneInput once
 * on each file named and on each file of each directory named (in name
 * order, so a replay is the same every time). ctest -L fuzz replays the
 * regression corpus with it, and it reproduces a crash input on any build,
 * gcc included. Each input gets a buffer of exactly its size, as libFuzzer
 * gives it, so a sanitizer sees a read past the end. */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fail(const char *call, const char *path)
{
	fprintf(stderr, "replay: %s(%s): %s\n", call, path, strerror(errno));
	return -1;
}

static int replay_file(const char *path, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail("fopen", path);
	uint8_t *buf = malloc(size ? size : 1);
	size_t got = buf ? fread(buf, 1, size, f) : 0;
	int rc = !buf ? fail("malloc", path) : got != size ? fail("fread", path) : 0;
	fclose(f);
	if (rc == 0)
		LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	return rc;
}

static int skip_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Returns how many inputs ran, or -1. */
static long replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return fail("stat", path);
	if (!S_ISDIR(st.st_mode))
		return replay_file(path, (size_t)st.st_size) == 0 ? 1 : -1;
	struct dirent **names;
	int n = scandir(path, &names, skip_hidden, alphasort);
	if (n < 0)
		return fail("scandir", path);
	long ran = 0;
	for (int i = 0; i < n; i++) {
		char child[4096];
		snprintf(child, sizeof child, "%s/%s", path, names[i]->d_name);
		if (ran >= 0 && stat(child, &st) == 0 && S_ISREG(st.st_mode))
			ran = replay_file(child, (size_t)st.st_size) == 0 ? ran + 1 : -1;
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	long total = 0;
	for (int i = 1; i < argc; i++) {
		long ran = replay(argv[i]);
		if (ran < 0)
			return 1;
		total += ran;
	}
	if (total == 0) {
		fprintf(stderr, "replay: no inputs\n");
		return 1;
	}
	printf("replay: %ld input(s), none crashed\n", total);
	return 0;
}
