/* sc-mutants DIR LIB: makes DIR/libsc-mutant-<name>.so, a link to LIB, for
 * every mutant of mutants.def (the library is the mutant its file name
 * says), after removing the links a previous list made. Without arguments
 * it prints the list: name, class and what. */
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mutants.h"

static struct sc_mutant all[SC_MUTANT_MAX];

static int fail(const char *call, const char *arg)
{
	fprintf(stderr, "sc-mutants: %s(%s): %s\n", call, arg, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	size_t n = sc_mutants(all, SC_MUTANT_MAX);
	if (n > SC_MUTANT_MAX) {
		fprintf(stderr, "sc-mutants: %zu mutants, SC_MUTANT_MAX is %d\n", n, SC_MUTANT_MAX);
		return 1;
	}
	if (argc == 1) {
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", all[i].name, all[i].cls, all[i].what);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: sc-mutants [DIR LIB]\n");
		return 2;
	}
	const char *dir = argv[1], *lib = argv[2];
	char path[4096];
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return fail("mkdir", dir);
	DIR *d = opendir(dir);
	if (!d)
		return fail("opendir", dir);
	for (struct dirent *e; (e = readdir(d));)
		if (strncmp(e->d_name, "libsc-mutant-", 13) == 0) {
			if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path)
				return fail("snprintf", e->d_name);
			if (unlink(path) != 0)
				return fail("unlink", path);
		}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/libsc-mutant-%s.so", dir, all[i].name) >= sizeof path)
			return fail("snprintf", all[i].name);
		if (symlink(lib, path) != 0)
			return fail("symlink", path);
	}
	return 0;
}
