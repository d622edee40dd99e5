/* broken.h — the bug a broken implementation is built with (bugs.def).
 * The build picks one with -DSC_BUG=SC_BUG_<ID>, and defines
 * SC_BUG_<ID>_BUILD too for the bugs that change which symbols exist (the
 * ones exporting vfork), which only the preprocessor can decide. */
#ifndef SC_BROKEN_H
#define SC_BROKEN_H

enum sc_bug {
#define SC_BROKEN(ID, name, what) SC_BUG_##ID,
#include "bugs.def"
};

#ifndef SC_BUG
#error "build with -DSC_BUG=SC_BUG_<ID>"
#endif

#endif
