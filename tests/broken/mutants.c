/* mutants.c — the mutant list of mutants.def, derived from the surface
 * declaration (src/model/spawn_ops.def): each argument of each action by
 * its signature's kind, each attribute flag, each attribute value, then
 * the steps. The mutant library finds itself in it by its file name, the
 * self-test runs it. */
#define _DEFAULT_SOURCE

#include <stdio.h>
#include <string.h>

#include "mutants.h"

/* The guarantee classes, so that a step naming none fails to compile. */
enum {
#define SC_CLASS(id, title) SC_CLASS_##id,
#include "classes.def"
};
static const char *const class_ids[] = {
#define SC_CLASS(id, title) #id,
#include "classes.def"
};

#define ONE 0
#define PER_OFLAG 1
static const struct {
	const char *kind, *how, *what;
	unsigned id;
	int per_oflag;
} arg_mutations[] = {
#define SC_ARG_MUTATION(kind, ID, how, each, what) {#kind, how, what, SC_HOW_##kind##_##ID, each},
#include "mutants.def"
};
#undef ONE
#undef PER_OFLAG

static const struct {
	const char *how, *what;
	unsigned id;
} action_mutations[] = {
#define SC_ACTION_MUTATION(ID, how, what) {how, what, SC_ACTION_HOW_##ID},
#include "mutants.def"
};

static const struct {
	const char *how, *what;
	unsigned id;
} flag_mutations[] = {
#define SC_FLAG_MUTATION(ID, how, what) {how, what, SC_FLAG_HOW_##ID},
#include "mutants.def"
};

static const struct {
	unsigned op;
	const char *name, *sig;
} actions[] = {
#define SC_ACTION(ID, name, sig, slot) {SC_OP_##ID, name, sig},
#include "spawn_ops.def"
};

#define ACCESS 1
#define STATUS 0
#define OPEN 0
static const struct {
	unsigned bit;
	const char *name;
	int access;
} oflags[] = {
#define SC_OFLAG(NAME, role) {SC_OFLAG_BIT_##NAME, #NAME, role},
#include "spawn_ops.def"
};
#undef ACCESS
#undef STATUS
#undef OPEN

static const struct {
	unsigned bit;
	const char *name, *shortname;
} attrflags[] = {
#define SC_ATTRFLAG(NAME, short) {SC_ATTRFLAG_BIT_##NAME, #NAME, short},
#include "spawn_ops.def"
};

static const struct {
	unsigned id;
	const char *name, *kind;
} values[] = {
#define SC_ATTR_VALUE(ID, name, kind) {SC_VALUE_##ID, name, #kind},
#include "mutants.def"
};

static const struct {
	unsigned id, cls;
	const char *name, *what;
	enum sc_bug bug;
} steps[] = {
#define SC_STEP(ID, name, cls, bug, what) {SC_STEP_##ID, SC_CLASS_##cls, name, what, SC_BUG_##bug},
#include "mutants.def"
};

static const char *const bug_names[] = {
#define SC_BROKEN(ID, name, what) name,
#include "bugs.def"
};

static const struct {
	const char *name, *kind, *why;
} survivors[] = {
#define SC_SURVIVOR(name, kind, why) {name, #kind, why},
#include "mutants.def"
	{NULL, NULL, NULL} /* the list may be empty */
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct list {
	struct sc_mutant *out;
	size_t cap, n;
};

static struct sc_mutant *next(struct list *l, const char *cls, enum sc_mutant_kind kind, unsigned target,
                              unsigned how)
{
	static struct sc_mutant scratch;
	struct sc_mutant *m = l->n < l->cap ? &l->out[l->n] : &scratch;
	l->n++;
	memset(m, 0, sizeof *m);
	m->cls = cls;
	m->kind = kind;
	m->target = target;
	m->how = how;
	m->bug = SC_BUG_NONE;
	return m;
}

static void survives(struct sc_mutant *m)
{
	for (size_t i = 0; i + 1 < COUNT(survivors); i++)
		if (strcmp(survivors[i].name, m->name) == 0) {
			m->survives = survivors[i].kind;
			m->why = survivors[i].why;
		}
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Each mutation of an argument of `kind` of action i, or of value i. */
static void arg_mutants(struct list *l, const char *kind, size_t klen, const char *owner, int value, unsigned target)
{
	for (size_t k = 0; k < COUNT(arg_mutations); k++) {
		const char *cls = value ? class_ids[SC_CLASS_attributes] : class_ids[SC_CLASS_file_actions];
		if (strlen(arg_mutations[k].kind) != klen || strncmp(arg_mutations[k].kind, kind, klen) != 0)
			continue;
		enum sc_mutant_kind mk = value ? SC_MUTANT_VALUE : SC_MUTANT_ARG;
		for (size_t f = 0; f < (arg_mutations[k].per_oflag ? COUNT(oflags) : 1); f++) {
			if (arg_mutations[k].per_oflag && oflags[f].access)
				continue;
			struct sc_mutant *m = next(l, cls, mk, target, arg_mutations[k].id);
			const char *flag = arg_mutations[k].per_oflag ? oflags[f].name : NULL;
			m->oflag = flag ? oflags[f].bit : 0;
			if (value)
				snprintf(m->name, sizeof m->name, "%s-%s", owner, arg_mutations[k].how);
			else
				snprintf(m->name, sizeof m->name, "%s-%.*s-%s%s%s", owner, (int)klen, kind,
				         arg_mutations[k].how, flag ? "-" : "", flag ? flag : "");
			if (value)
				snprintf(m->what, sizeof m->what, "spawn-%s: %s", owner, arg_mutations[k].what);
			else
				snprintf(m->what, sizeof m->what, "%s %.*s: %s%s%s", owner, (int)klen, kind,
				         flag ? flag : "", flag ? " " : "", arg_mutations[k].what);
			survives(m);
		}
	}
}

size_t sc_mutants(struct sc_mutant *out, size_t cap)
{
	struct list l = {out, cap, 0};
	for (size_t a = 0; a < COUNT(actions); a++)
		for (const char *w = actions[a].sig; *w;) {
			size_t len = strcspn(w, " ");
			arg_mutants(&l, w, len, actions[a].name, 0, actions[a].op);
			w += len + (w[len] == ' ');
		}
	for (size_t a = 0; a < COUNT(actions); a++)
		for (size_t k = 0; k < COUNT(action_mutations); k++) {
			struct sc_mutant *m =
			    next(&l, class_ids[SC_CLASS_exec_failure], SC_MUTANT_ACTION, actions[a].op, action_mutations[k].id);
			snprintf(m->name, sizeof m->name, "%s-%s", actions[a].name, action_mutations[k].how);
			snprintf(m->what, sizeof m->what, "%s: %s", actions[a].name, action_mutations[k].what);
			survives(m);
		}
	for (size_t f = 0; f < COUNT(attrflags); f++)
		for (size_t k = 0; k < COUNT(flag_mutations); k++) {
			struct sc_mutant *m =
			    next(&l, class_ids[SC_CLASS_attributes], SC_MUTANT_FLAG, attrflags[f].bit, flag_mutations[k].id);
			snprintf(m->name, sizeof m->name, "%s-%s", attrflags[f].shortname, flag_mutations[k].how);
			lower(m->name);
			snprintf(m->what, sizeof m->what, "%s %s", attrflags[f].name, flag_mutations[k].what);
			survives(m);
		}
	for (size_t v = 0; v < COUNT(values); v++)
		arg_mutants(&l, values[v].kind, strlen(values[v].kind), values[v].name, 1, values[v].id);
	for (size_t s = 0; s < COUNT(steps); s++) {
		struct sc_mutant *m = next(&l, class_ids[steps[s].cls], SC_MUTANT_STEP, steps[s].id, 0);
		snprintf(m->name, sizeof m->name, "%s", steps[s].name);
		m->bug = steps[s].bug;
		if (m->bug == SC_BUG_NONE)
			snprintf(m->what, sizeof m->what, "%s", steps[s].what);
		else
			snprintf(m->what, sizeof m->what, "%s (bug %s)", steps[s].what, bug_names[m->bug]);
		survives(m);
	}
	return l.n;
}

int sc_mutant_named(const char *name, struct sc_mutant *out)
{
	static struct sc_mutant all[SC_MUTANT_MAX];
	size_t n = sc_mutants(all, COUNT(all));
	for (size_t i = 0; i < n && i < COUNT(all); i++)
		if (strcmp(all[i].name, name) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

const char *sc_mutant_stale_survivor(void)
{
	struct sc_mutant m;
	for (size_t i = 0; i + 1 < COUNT(survivors); i++)
		if (sc_mutant_named(survivors[i].name, &m) != 0)
			return survivors[i].name;
	return NULL;
}
