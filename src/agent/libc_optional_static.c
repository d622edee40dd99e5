/* A static agent cannot look symbols up, so it takes the optional
 * builders its libc's headers declare (found by CMake's
 * check_symbol_exists: SC_HAVE_<NAME>). */
#define _GNU_SOURCE

#include "backend.h"

void sc_backend_libc_optional(struct sc_backend *b)
{
#if SC_HAVE_ADDCHDIR_NP
	b->fa_addchdir = posix_spawn_file_actions_addchdir_np;
#endif
#if SC_HAVE_ADDFCHDIR_NP
	b->fa_addfchdir = posix_spawn_file_actions_addfchdir_np;
#endif
#if SC_HAVE_ADDCLOSEFROM_NP
	b->fa_addclosefrom = posix_spawn_file_actions_addclosefrom_np;
#endif
	(void)b;
}
