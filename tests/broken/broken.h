/* broken.h — the bugs of the broken implementations (bugs.def). A bug
 * build picks one with -DSC_BUG=SC_BUG_<ID>, and defines SC_BUG_<ID>_BUILD
 * too for the bugs that change which symbols exist (the ones exporting
 * vfork), which only the preprocessor can decide; the mutant library
 * (mutants.def) takes its bug at load time instead. */
#ifndef SC_BROKEN_H
#define SC_BROKEN_H

enum sc_bug {
#define SC_BROKEN(ID, name, what) SC_BUG_##ID,
#include "bugs.def"
};

#endif
