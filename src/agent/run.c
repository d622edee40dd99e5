/* The spawn of a RUN: the request through the backend table, observed
 * from the caller's side (docs/protocol.md, "RUN reply"). */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "children.h"
#include "job.h"
#include "names.h"
#include "observe_caller.h"
#include "probe_report.h"
#include "sigbits.h"

static int supported(const struct sc_backend *b, unsigned op)
{
	switch (op) {
#define SC_ACTION(ID, name, sig, slot) \
	case SC_OP_##ID:               \
		return b->slot != NULL;
#include "spawn_ops.def"
	}
	return 0;
}

/* POSIX has the builders copy the path ("The string described by path shall
 * be copied"), so each gets a private copy that is scribbled over right
 * after the call: an implementation that keeps the pointer instead opens or
 * changes into "????", which no fixture has. The copies live until after
 * the spawn, so such a pointer reads garbage, never freed memory. */
static char **copy_paths(const struct sc_request *req)
{
	size_t bytes = req->nactions * sizeof(char *);
	for (size_t i = 0; i < req->nactions; i++)
		if (req->actions[i].path)
			bytes += strlen(req->actions[i].path) + 1;
	char **copies = malloc(bytes ? bytes : 1);
	if (!copies)
		return NULL;
	char *s = (char *)(copies + req->nactions);
	for (size_t i = 0; i < req->nactions; i++) {
		copies[i] = NULL;
		if (req->actions[i].path) {
			size_t n = strlen(req->actions[i].path) + 1;
			copies[i] = memcpy(s, req->actions[i].path, n);
			s += n;
		}
	}
	return copies;
}

static int add_action(const struct sc_backend *b, const struct sc_action *a, char *path,
                      posix_spawn_file_actions_t *fa)
{
	int rc;
	switch (a->op) {
	case SC_OP_ADDOPEN:
		rc = b->fa_addopen(fa, a->fd, path, sc_oflags_native(a->oflags), (mode_t)a->mode);
		break;
	case SC_OP_ADDCLOSE:
		return b->fa_addclose(fa, a->fd);
	case SC_OP_ADDDUP2:
		return b->fa_adddup2(fa, a->fd, a->newfd);
	case SC_OP_ADDCHDIR:
		rc = b->fa_addchdir(fa, path);
		break;
	case SC_OP_ADDFCHDIR:
		return b->fa_addfchdir(fa, a->fd);
	default:
		return b->fa_addclosefrom(fa, a->fd);
	}
	memset(path, '?', strlen(path));
	return rc;
}

/* Which call of a RUN returned its error (docs/protocol.md `stage`). */
struct stage {
	const char *call;  /* "init", "action", "attr", "spawn"; NULL: none failed */
	size_t index;      /* action: its position */
	const char *attr;  /* attr: the setter */
};

static int set_attrs(const struct sc_backend *b, const struct sc_request *req, posix_spawnattr_t *attr,
                     struct stage *stage)
{
	sigset_t set;
	int rc = 0;
	if (req->attr_set & SC_ATTR_FLAGS) {
		stage->attr = "posix_spawnattr_setflags";
		rc = b->attr_setflags(attr, sc_attrflags_native(req->attr_flags));
	}
	if (!rc && (req->attr_set & SC_ATTR_SIGMASK)) {
		sc_sigset_from_bits(req->attr_sigmask, &set);
		stage->attr = "posix_spawnattr_setsigmask";
		rc = b->attr_setsigmask(attr, &set);
	}
	if (!rc && (req->attr_set & SC_ATTR_SIGDEF)) {
		sc_sigset_from_bits(req->attr_sigdef, &set);
		stage->attr = "posix_spawnattr_setsigdefault";
		rc = b->attr_setsigdefault(attr, &set);
	}
	if (!rc && (req->attr_set & SC_ATTR_PGROUP)) {
		stage->attr = "posix_spawnattr_setpgroup";
		rc = b->attr_setpgroup(attr, req->attr_pgroup == INT32_MIN ? getpgrp() : (pid_t)req->attr_pgroup);
	}
	if (rc)
		stage->call = "attr";
	return rc;
}

/* Builds, spawns and destroys, as a caller of the API would; a builder's
 * or setter's error is the request's error just like the spawn's (glibc
 * refuses some fds when they are added, musl when it spawns), and *stage
 * says which call returned it. File actions and attributes are passed only
 * when the request has some, so NULL is exercised too. */
static int call(const struct sc_job *job, char **paths, pid_t *pid, int *err_after, struct stage *stage)
{
	const struct sc_request *req = job->req;
	const struct sc_backend *b = job->backend;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int have_fa = 0, have_attr = 0, ret = 0;
	errno = 0;
	if (req->nactions) {
		ret = b->fa_init(&fa);
		have_fa = ret == 0;
		if (ret)
			stage->call = "init";
		for (size_t i = 0; ret == 0 && i < req->nactions; i++) {
			ret = add_action(b, &req->actions[i], paths[i], &fa);
			if (ret)
				*stage = (struct stage){"action", i, NULL};
		}
	}
	if (ret == 0 && req->attr_set) {
		ret = b->attr_init(&attr);
		have_attr = ret == 0;
		if (ret)
			stage->call = "init";
		if (ret == 0)
			ret = set_attrs(b, req, &attr, stage);
	}
	if (ret == 0) {
		sc_spawn_fn *spawn = req->spawnp ? b->spawnp : b->spawn;
		errno = 0;
		ret = spawn(pid, req->path, have_fa ? &fa : NULL, have_attr ? &attr : NULL, req->argv,
		            req->env_inherit ? environ : req->envp);
		if (ret)
			stage->call = "spawn";
	}
	*err_after = errno;
	if (have_fa)
		b->fa_destroy(&fa);
	if (have_attr)
		b->attr_destroy(&attr);
	return ret;
}

static void stage_line(struct sc_text *out, const struct stage *s)
{
	if (!s->call)
		sc_text_str(out, "stage none\n");
	else if (strcmp(s->call, "action") == 0)
		sc_text_printf(out, "stage action %zu\n", s->index);
	else if (strcmp(s->call, "attr") == 0)
		sc_text_printf(out, "stage attr %s\n", s->attr);
	else
		sc_text_printf(out, "stage %s\n", s->call);
}

/* 0 when the child had to be killed. */
static int wait_line(const struct sc_job *job, pid_t pid)
{
	char name[SC_NAME_MAX];
	int status;
	int rc = pid > 0 ? sc_wait_or_kill(pid, &status, job->deadline_ns) : -ECHILD;
	if (rc == 0)
		sc_text_str(job->out, "wait timeout\n");
	else if (rc < 0)
		sc_text_str(job->out, "wait none\n");
	else if (WIFEXITED(status))
		sc_text_printf(job->out, "wait exited %d\n", WEXITSTATUS(status));
	else
		sc_text_printf(job->out, "wait signaled %s\n", sc_signal_name(WTERMSIG(status), name));
	return rc != 0;
}

/* The same lines, but for their "before"/"after" prefixes. */
static int same_state(const struct sc_text *before, const struct sc_text *after)
{
	const char *b = before->buf, *be = b + before->len, *a = after->buf, *ae = a + after->len;
	while (b < be && a < ae) {
		const char *bl = memchr(b, '\n', (size_t)(be - b)), *al = memchr(a, '\n', (size_t)(ae - a));
		const char *bs = memchr(b, ' ', (size_t)(be - b)), *as = memchr(a, ' ', (size_t)(ae - a));
		if (!bl || !al || !bs || !as || bl - bs != al - as || memcmp(bs, as, (size_t)(bl - bs)) != 0)
			return 0;
		b = bl + 1;
		a = al + 1;
	}
	return b == be && a == ae;
}

/* SIGCHLD from the spawned child may wait, blocked, for the next case to
 * unblock, ignore or catch it: all harmless. Anything else might not be. */
static int only_sigchld_pending(void)
{
	sigset_t pending;
	if (sigpending(&pending) != 0)
		return 0;
	sigdelset(&pending, SIGCHLD);
	for (int sig = 1; sig <= 64; sig++)
		if (sigismember(&pending, sig) == 1)
			return 0;
	return 1;
}

static void probe_line(const char *line, size_t len, void *ctx)
{
	struct sc_text *out = ctx;
	sc_text_str(out, "probe ");
	sc_text_bytes(out, line, len);
	sc_text_str(out, "\n");
}

static void observe_fail(const struct sc_job *job, const char *when, int err)
{
	char name[SC_NAME_MAX];
	sc_text_printf(job->out, "result broken observe %s: %s\n", when, sc_errno_name(-err, name));
}

int sc_run(const struct sc_job *job)
{
	const struct sc_request *req = job->req;
	struct sc_text *out = job->out;
	char name[SC_NAME_MAX];
	for (size_t i = 0; i < req->nactions; i++) {
		if (!supported(job->backend, req->actions[i].op)) {
			sc_text_printf(out, "result unsupported action %s\n", sc_op_name(req->actions[i].op));
			return 1;
		}
	}
	struct sc_text before = {0}, after = {0}, report = {0};
	int rc = sc_observe_caller(&before, "before", job->reply_fd);
	if (rc < 0) {
		observe_fail(job, "before", rc);
		return 0;
	}
	char **paths = copy_paths(req);
	if (!paths) {
		sc_text_str(out, "result broken worker: out of memory\n");
		return 0;
	}
	pid_t pid = -1;
	int err_after;
	struct stage stage = {0};
	int ret = call(job, paths, &pid, &err_after, &stage);
	free(paths);
	rc = sc_observe_caller(&after, "after", job->reply_fd);
	if (rc < 0) {
		observe_fail(job, "after", rc);
		return 0;
	}
	sc_text_str(out, "result ok\n");
	sc_text_printf(out, "ret %s\n", sc_errno_name(ret, name));
	stage_line(out, &stage);
	sc_text_printf(out, "pid %d\n", (int)pid);
	int clean = wait_line(job, pid);
	unsigned zombies = sc_leftover_children();
	sc_text_printf(out, "zombies %u\n", zombies);
	sc_text_printf(out, "errno %s\n", sc_errno_name(err_after, name));
	sc_text_printf(out, "self %d %d %d\n", (int)getpid(), (int)getpgrp(), (int)getsid(0));
	sc_text_bytes(out, before.buf, before.len);
	sc_text_bytes(out, after.buf, after.len);
	if (pid > 0 && sc_probe_report_take(job->scratch, pid, &report) == 0)
		sc_lines(&report, probe_line, out);
	else
		sc_text_str(out, "probe-missing\n");
	if (sc_text_failed(&before) || sc_text_failed(&after) || sc_text_failed(&report))
		out->failed = 1;
	clean = clean && zombies == 0 && !out->failed && same_state(&before, &after) && only_sigchld_pending();
	sc_text_free(&before);
	sc_text_free(&after);
	sc_text_free(&report);
	return clean;
}
