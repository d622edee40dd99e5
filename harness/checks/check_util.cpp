#include "check_util.h"

#include <array>
#include <vector>

#include <fmt/format.h>

namespace sc {
namespace {

template <std::size_t N>
std::uint32_t bit_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return std::uint32_t{1} << i;
  throw std::invalid_argument(fmt::format("unknown name {}", name));
}

constexpr std::array oflag_names = {
#define SC_OFLAG(N) std::string_view{#N},
#include "spawn_ops.def"
};

constexpr std::array attr_names = {
#define SC_ATTRFLAG(N, s) std::string_view{s},
#include "spawn_ops.def"
};

std::string flags_text(OFlags f) {
  std::string out;
  for (std::size_t i = 0; i < oflag_names.size(); ++i)
    if (f & (OFlags{1} << i)) out += (out.empty() ? "" : "|") + std::string(oflag_names[i]);
  return out.empty() ? "-" : out;
}

std::string fd_text(const FdState& f) {
  return fmt::format("{} {} {} cloexec={} off={}", f.identity, f.kind, flags_text(f.flags),
                     f.cloexec ? 1 : 0, f.offset ? std::to_string(*f.offset) : "-");
}

std::string sigs_text(SigSet s) {
  std::vector<std::string> out;
  for (int n = 1; n <= 64; ++n)
    if (s & (SigSet{1} << (n - 1))) out.push_back(std::to_string(n));
  return out.empty() ? "-" : fmt::format("{}", fmt::join(out, ","));
}

std::string strings_text(const std::vector<std::string>& v) {
  std::vector<std::string> q;
  for (auto& s : v) q.push_back(fmt::format("{:?}", s));
  return fmt::format("[{}]", fmt::join(q, ", "));
}

}  // namespace

Case probe_case(std::string name) {
  Case c;
  c.name = std::move(name);
  FixtureEntry probe;
  probe.kind = FixtureEntry::Kind::Probe;
  probe.path = "bin/probe";
  probe.mode = 0755;
  c.fixture.push_back(probe);
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

Case with_data(Case c) {
  c.fixture.push_back(fixture_file("data.txt", "0123456789"));
  return c;
}

std::vector<ParentFd> stdio_on(const Path& path) {
  return {parent_open(0, path, oflag("O_RDONLY")), parent_open(1, path, oflag("O_WRONLY")),
          parent_open(2, path, oflag("O_WRONLY"))};
}

ParentFd pipe_end(int fd, int peer, bool read) {
  ParentFd p;
  p.fd = fd, p.peer = peer;
  p.kind = read ? ParentFd::Kind::PipeRead : ParentFd::Kind::PipeWrite;
  return p;
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

OFlags oflag(std::string_view name) { return bit_of(oflag_names, name); }
AttrFlags attrflag(std::string_view name) { return bit_of(attr_names, name); }

SigSet sig(std::string_view name) {
#define SC_SIGNAL(N, num) if (name == #N) return SigSet{1} << ((num) - 1);
#include "spawn_ops.def"
  throw std::invalid_argument(fmt::format("unknown signal {}", name));
}

std::optional<Verdict> trouble(const Exchange& r, const std::optional<Case>& c) {
  if (r.crashed) return Verdict::fail(fmt::format("the implementation {}", r.trouble), c);
  if (!r.trouble.empty()) return Verdict::broken(r.trouble);
  if (!r.unverifiable.empty()) return Verdict::not_applicable(r.unverifiable);
  if (r.reply.result == AgentReply::Result::Unsupported) return Verdict::unsupported(r.reply.reason);
  if (r.reply.result == AgentReply::Result::Broken) return Verdict::broken(r.reply.reason);
  return std::nullopt;
}

bool exit_127_form(Run& r) {
  if (r.reply.ret != "0" || r.reply.wait != AgentReply::Wait::Exited || r.reply.wait_code != 127) return false;
  r.unverifiable.clear();
  return true;
}

namespace {

Verdict judge(const Run& r, const Case& c, std::string_view what) {
  if (auto t = trouble(r, c)) return *t;
  if (!r.predicted.unpredictable.empty())
    return Verdict::broken(fmt::format("the model cannot predict this case: {}", r.predicted.unpredictable));
  if (r.observed != r.predicted.outcome)
    return Verdict::fail(fmt::format("{}: {}", what, describe_difference(r.predicted.outcome, r.observed)), c);
  if (r.reply.zombies > 0)
    return Verdict::fail(fmt::format("{} child process(es) left unreaped by the call", r.reply.zombies), c);
  return Verdict::pass();
}

}  // namespace

Verdict expect_model(Session& s, const Case& c, std::string_view what) { return judge(s.run(c), c, what); }

Verdict expect_model_error(Session& s, const Case& c, std::string_view error, std::string_view what) {
  Run r = s.run(c);
  if (r.trouble.empty() && r.predicted.unpredictable.empty() && r.predicted.outcome.error != error)
    return Verdict::broken(fmt::format("the check expects {} but the model predicts {} for {}", error,
                                       r.predicted.outcome.error, what));
  return judge(r, c, what);
}

std::string describe_difference(const Outcome& want, const Outcome& got) {
  std::vector<std::string> d;
  if (want.error != got.error) d.push_back(fmt::format("returned {}, expected {}", got.error, want.error));
  if (want.child.has_value() != got.child.has_value())
    d.push_back(got.child ? "the program ran, expected it not to"
                          : "the program did not run (no probe report)");
  if (want.child && got.child) {
    const ChildState &w = *want.child, &g = *got.child;
    if (w.argv != g.argv) d.push_back(fmt::format("argv {} expected {}", strings_text(g.argv), strings_text(w.argv)));
    if (w.envp != g.envp) d.push_back(fmt::format("envp {} expected {}", strings_text(g.envp), strings_text(w.envp)));
    if (w.cwd != g.cwd) d.push_back(fmt::format("cwd {} expected {}", g.cwd, w.cwd));
    for (auto& [fd, st] : w.fds) {
      auto it = g.fds.find(fd);
      if (it == g.fds.end()) d.push_back(fmt::format("fd {} missing, expected {}", fd, fd_text(st)));
      else if (it->second != st) d.push_back(fmt::format("fd {} is {}, expected {}", fd, fd_text(it->second), fd_text(st)));
    }
    for (auto& [fd, st] : g.fds)
      if (!w.fds.count(fd)) d.push_back(fmt::format("fd {} ({}) open, expected closed", fd, fd_text(st)));
    if (w.sigmask != g.sigmask) d.push_back(fmt::format("signal mask {} expected {}", sigs_text(g.sigmask), sigs_text(w.sigmask)));
    if (w.sigign != g.sigign) d.push_back(fmt::format("ignored signals {} expected {}", sigs_text(g.sigign), sigs_text(w.sigign)));
    if (w.sigcatch != g.sigcatch) d.push_back(fmt::format("caught signals {} expected {}", sigs_text(g.sigcatch), sigs_text(w.sigcatch)));
    if (w.umask != g.umask) d.push_back(fmt::format("umask {:04o} expected {:04o}", g.umask, w.umask));
    if (w.pgid_is_self != g.pgid_is_self || w.pgid_is_parent_pgid != g.pgid_is_parent_pgid)
      d.push_back(fmt::format("process group: leads own {} / caller's {}, expected {} / {}", g.pgid_is_self,
                              g.pgid_is_parent_pgid, w.pgid_is_self, w.pgid_is_parent_pgid));
    if (w.sid_is_self != g.sid_is_self)
      d.push_back(fmt::format("session leader {} expected {}", g.sid_is_self, w.sid_is_self));
  }
  return d.empty() ? "no difference" : fmt::format("{}", fmt::join(d, "; "));
}

}  // namespace sc
