// case_build.h — building cases in code: what checks, the fuzzer's
// generator and tests start from, so a case written in C++ reads like its
// case file.
#pragma once

#include <string>
#include <vector>

#include "case.h"
#include "surface.h"

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

}  // namespace sc
