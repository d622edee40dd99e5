// check_util.h — the pieces every check is made of: a minimal case that
// runs the probe, and the judgements shared by checks (a run that went
// wrong, a comparison with the model, a scenario key).
#pragma once

#include <string>

#include "case.h"
#include "session.h"
#include "verdict.h"

namespace sc {

// A case that runs the probe at "bin/probe" with argv {"probe"} and an empty
// environment, from a parent with no fds open.
Case probe_case(std::string name);

// A parent fd open on a fixture file.
ParentFd parent_open(int fd, Path path, OFlags flags, bool cloexec = false, std::uint64_t offset = 0);
// One end of a parent pipe whose other end is at peer.
ParentFd pipe_end(int fd, int peer, bool read);
// c with "data.txt" (0644, "0123456789") in its fixture.
Case with_data(Case c);
// The caller's fds 0-2 open on a fixture file (read, write, write): the
// fds an implementation's own descriptors would otherwise take.
std::vector<ParentFd> stdio_on(const Path& path);
Action action(Op op, int fd, int newfd = -1, Path path = {}, OFlags flags = 0, std::uint32_t mode = 0);
// Fixture entries: a regular file, a directory/FIFO/probe entry, a symlink.
FixtureEntry fixture_file(Path path, std::string content, std::uint32_t mode = 0644);
FixtureEntry fixture_node(FixtureEntry::Kind kind, Path path, std::uint32_t mode = 0755);
FixtureEntry fixture_symlink(Path path, Path target);
// A script whose #! line names the probe: its argv ([<probe>, path, ...])
// tells that it, and not another candidate, ran.
FixtureEntry fixture_script(Path path, std::uint32_t mode = 0755);
OFlags oflag(std::string_view name);   // SC_OFLAG name → bit
SigSet sig(std::string_view name);     // SC_SIGNAL name → bit
AttrFlags attrflag(std::string_view short_name);  // "SETSIGMASK" → bit

// A verdict when the run did not produce an observation to judge: the
// implementation crashed or hung the worker (FAIL), the backend lacks an
// optional interface (UNSUPPORTED), the environment cannot show the
// guarantee (N/A), or the harness failed (BROKEN).
// c, when given, is the reproducer of a FAIL.
std::optional<Verdict> trouble(const Exchange& r, const std::optional<Case>& c = std::nullopt);

// The call took POSIX's other failure form: it returned 0 and its child
// exited 127. Clears the run's environment caveat (see lost_error): a
// check that accepts this form loses nothing to an emulator producing it.
bool exit_127_form(Run& r);

// Runs c and requires the observation to equal the model's prediction and
// no child to be left behind; `what` names the guarantee in the reason.
Verdict expect_model(Session& s, const Case& c, std::string_view what);
// The same for a case the model must predict to fail with `error` (an
// errno name): a prediction of anything else is a broken check, not a FAIL.
Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what);

// A human-readable difference between two outcomes ("fd 4: want …, got …").
std::string describe_difference(const Outcome& want, const Outcome& got);

}  // namespace sc
