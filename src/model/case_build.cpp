#include "case_build.h"

namespace sc {

Case probe_case(std::string name) {
  Case c;
  c.name = std::move(name);
  c.fixture.push_back(fixture_node(FixtureEntry::Kind::Probe, "bin/probe"));
  c.program = "bin/probe";
  c.argv = {"probe"};
  return c;
}

ParentFd parent_open(int fd, Path path, OFlags flags, bool cloexec, std::uint64_t offset) {
  ParentFd p;
  p.fd = fd;
  p.kind = ParentFd::Kind::Open;
  p.path = std::move(path);
  p.oflags = flags;
  p.cloexec = cloexec;
  p.offset = offset;
  return p;
}

ParentFd pipe_end(int fd, int peer, bool read) {
  ParentFd p;
  p.fd = fd, p.peer = peer;
  p.kind = read ? ParentFd::Kind::PipeRead : ParentFd::Kind::PipeWrite;
  return p;
}

Case with_data(Case c) {
  c.fixture.push_back(fixture_file("data.txt", "0123456789"));
  return c;
}

std::vector<ParentFd> stdio_on(const Path& path) {
  return {parent_open(0, path, oflag("O_RDONLY")), parent_open(1, path, oflag("O_WRONLY")),
          parent_open(2, path, oflag("O_WRONLY"))};
}

Action action(Op op, int fd, int newfd, Path path, OFlags flags, std::uint32_t mode) {
  Action a;
  a.op = op, a.fd = fd, a.newfd = newfd, a.path = std::move(path), a.oflags = flags, a.mode = mode;
  return a;
}

FixtureEntry fixture_file(Path path, std::string content, std::uint32_t mode) {
  FixtureEntry f;
  f.path = std::move(path);
  f.content = std::move(content);
  f.mode = mode;
  return f;
}

FixtureEntry fixture_node(FixtureEntry::Kind kind, Path path, std::uint32_t mode) {
  FixtureEntry f;
  f.kind = kind;
  f.path = std::move(path);
  // Probe entries are symlinks and keep the default mode (docs/case-format.md).
  if (kind != FixtureEntry::Kind::Probe) f.mode = mode;
  return f;
}

FixtureEntry fixture_symlink(Path path, Path target) {
  FixtureEntry f;
  f.kind = FixtureEntry::Kind::Symlink;
  f.path = std::move(path);
  f.target = std::move(target);
  return f;
}

FixtureEntry fixture_script(Path path, std::uint32_t mode) {
  FixtureEntry f = fixture_node(FixtureEntry::Kind::Script, std::move(path), mode);
  f.shebang = true;
  return f;
}

}  // namespace sc
