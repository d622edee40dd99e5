/* mutants.h — the mutants of mutants.def, derived from src/model/spawn_ops.def
 * (mutants.c): what broken_spawn.c switches on in the mutant library, and
 * the list the mutation self-test runs (tests/selftest/mutants_test.cpp). */
#ifndef SC_MUTANTS_H
#define SC_MUTANTS_H

#include <stddef.h>

#include "broken.h"
#include "names.h"

#ifdef __cplusplus
extern "C" {
#endif

enum sc_mutant_kind {
	SC_MUTANT_NONE,   /* the naive implementation as it is */
	SC_MUTANT_ARG,    /* an argument of an action: target SC_OP_*, how SC_HOW_* */
	SC_MUTANT_ACTION, /* an action: target SC_OP_*, how SC_ACTION_HOW_* */
	SC_MUTANT_FLAG,   /* an attribute flag: target SC_ATTRFLAG_BIT_*, how SC_FLAG_HOW_* */
	SC_MUTANT_VALUE,  /* an attribute value: target SC_VALUE_*, how SC_HOW_* */
	SC_MUTANT_STEP    /* a step: target SC_STEP_* */
};

enum sc_how {
#define SC_ARG_MUTATION(kind, ID, how, each, what) SC_HOW_##kind##_##ID,
#include "mutants.def"
	SC_HOW_COUNT
};

enum sc_action_how {
#define SC_ACTION_MUTATION(ID, how, what) SC_ACTION_HOW_##ID,
#include "mutants.def"
	SC_ACTION_HOW_COUNT
};

enum sc_flag_how {
#define SC_FLAG_MUTATION(ID, how, what) SC_FLAG_HOW_##ID,
#include "mutants.def"
	SC_FLAG_HOW_COUNT
};

enum sc_value {
#define SC_ATTR_VALUE(ID, name, kind) SC_VALUE_##ID,
#include "mutants.def"
	SC_VALUE_COUNT
};

enum sc_step {
#define SC_STEP(ID, name, cls, bug, what) SC_STEP_##ID,
#include "mutants.def"
	SC_STEP_COUNT
};

#define SC_MUTANT_NAME_MAX 64
/* More than mutants.def makes (the self-test holds it to that). */
#define SC_MUTANT_MAX 512

struct sc_mutant {
	char name[SC_MUTANT_NAME_MAX]; /* "addopen-oflags-drop-O_APPEND" */
	char what[192];                /* "addopen oflags: O_APPEND dropped" */
	const char *cls;               /* its guarantee class, a classes.def id */
	enum sc_mutant_kind kind;
	unsigned target, how;
	unsigned oflag;      /* a PER_OFLAG mutation's SC_OFLAG_BIT_* */
	enum sc_bug bug;     /* a step that is a bugs.def bug: that bug */
	const char *survives; /* its SC_SURVIVOR kind ("MISSED"), NULL when it must FAIL */
	const char *why;      /* and why */
};

/* Every mutant, in declaration order: fills out[0..cap) and returns how
 * many there are. */
size_t sc_mutants(struct sc_mutant *out, size_t cap);

/* The mutant of that name: 0, or -1 when there is none. */
int sc_mutant_named(const char *name, struct sc_mutant *out);

/* The SC_SURVIVOR entries naming no mutant (a stale line), or NULL: the
 * first such name. */
const char *sc_mutant_stale_survivor(void);

#ifdef __cplusplus
}
#endif

#endif
