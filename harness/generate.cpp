#include "generate.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "checks/check_util.h"

namespace sc {
namespace {

constexpr Op kOps[] = {
#define SC_ACTION(ID, name, sig, optional) Op::ID,
#include "spawn_ops.def"
};
constexpr unsigned kOFlagCount = 0
#define SC_OFLAG(N) +1
#include "spawn_ops.def"
    ;
constexpr unsigned kAttrFlagCount = 0
#define SC_ATTRFLAG(N, s) +1
#include "spawn_ops.def"
    ;
constexpr int kSignals[] = {
#define SC_SIGNAL(N, num) num,
#include "spawn_ops.def"
};

constexpr SigSet bit(int signo) { return SigSet{1} << (signo - 1); }
const SigSet kUnblockable = bit(9) | bit(19);

// The fixture every case may refer to, and which parts of it this case has.
struct World {
  Case c;
  std::vector<Path> files;  // regular files (readable)
  std::vector<Path> paths;  // anything an action path may name
  std::vector<int> open;    // fds open in the parent
  int nofile;
};

void add_fixture(World& w, Choices& ch) {
  w.c.fixture.push_back(fixture_node(FixtureEntry::Kind::Probe, "bin/probe"));
  w.c.fixture.push_back(fixture_file("data.txt", "0123456789"));
  w.files = {"data.txt"};
  // Never a path leading to the probe: the fixture's probe is a symlink to
  // the session's one copy, which an O_TRUNC would destroy for later runs.
  w.paths = {"data.txt", "bin", "missing", "", "new.txt"};
  if (ch.chance(50)) {
    w.c.fixture.push_back(fixture_node(FixtureEntry::Kind::Dir, "sub", ch.chance(85) ? 0755 : 0000));
    w.c.fixture.push_back(fixture_file("sub/f", "abc", ch.chance(80) ? 0644 : 0444));
    w.files.push_back("sub/f");
    w.paths.insert(w.paths.end(), {"sub", "sub/f", "sub/new", "."});
  }
  if (ch.chance(30)) {
    w.c.fixture.push_back(fixture_symlink("link", ch.chance(50) ? "data.txt" : "bin"));
    w.paths.push_back("link");
  }
  if (ch.chance(15)) {
    w.c.fixture.push_back(fixture_symlink("plink", "bin/probe"));  // a program only, see above
  }
  if (ch.chance(15)) {
    w.c.fixture.push_back(fixture_symlink("loop1", "loop2"));
    w.c.fixture.push_back(fixture_symlink("loop2", "loop1"));
    w.paths.push_back("loop1");
  }
  if (ch.chance(20)) {
    w.c.fixture.push_back(fixture_script("run.sh", ch.chance(80) ? 0755 : 0644));
    w.paths.push_back("run.sh");
  }
  if (ch.chance(15)) {
    FixtureEntry plain = fixture_node(FixtureEntry::Kind::Script, "plain.sh", 0755);
    plain.content = "echo\n";
    w.c.fixture.push_back(plain);
    w.paths.push_back("plain.sh");
  }
  if (ch.chance(15)) {
    w.c.fixture.push_back(fixture_file("noexec", "x", 0644));
    w.paths.push_back("noexec");
  }
}

OFlags access_mode(Choices& ch) {
  static const char* const modes[] = {"O_RDONLY", "O_WRONLY", "O_RDWR"};
  return oflag(ch.pick(modes));
}

// An access mode and any subset of the other flags, each less likely than not.
OFlags any_oflags(Choices& ch) {
  OFlags f = access_mode(ch);
  for (unsigned i = 3; i < kOFlagCount; ++i)
    if (ch.chance(15)) f |= OFlags{1} << i;
  return f;
}

SigSet any_signals(Choices& ch, SigSet exclude) {
  SigSet s = 0;
  unsigned n = static_cast<unsigned>(ch.below(4));
  for (unsigned i = 0; i < n; ++i) s |= bit(ch.pick(kSignals));
  if (ch.chance(10)) s |= bit(35 + static_cast<int>(ch.below(30)));  // SIGRT3..SIGRT32
  return s & ~exclude;
}

bool taken(const World& w, int fd) {
  return std::any_of(w.c.fds.begin(), w.c.fds.end(), [&](const ParentFd& p) { return p.fd == fd; });
}

int free_fd(World& w, Choices& ch) {
  for (;;) {
    int fd = ch.chance(80) ? static_cast<int>(ch.below(21)) : w.nofile - 1 - static_cast<int>(ch.below(2));
    if (!taken(w, fd)) return fd;
  }
}

void add_parent_state(World& w, Choices& ch) {
  for (int fd = 0; fd < 3; ++fd) {
    unsigned r = static_cast<unsigned>(ch.below(3));
    if (r == 0) continue;
    ParentFd p;
    p.fd = fd;
    if (r == 2) {
      p = parent_open(fd, w.files[ch.below(w.files.size())], fd == 0 ? oflag("O_RDONLY") : oflag("O_WRONLY"),
                      ch.chance(15));
      w.open.push_back(fd);
    }
    w.c.fds.push_back(p);
  }
  unsigned extra = static_cast<unsigned>(ch.below(4));
  for (unsigned i = 0; i < extra; ++i) {
    int fd = free_fd(w, ch);
    OFlags f = access_mode(ch);
    if (ch.chance(20)) f |= oflag("O_APPEND");
    if (ch.chance(10)) f |= oflag("O_NONBLOCK");
    w.c.fds.push_back(parent_open(fd, w.files[ch.below(w.files.size())], f, ch.chance(40),
                                  ch.chance(30) ? ch.below(12) : 0));
    w.open.push_back(fd);
  }
  if (ch.chance(25)) {
    int r = free_fd(w, ch);
    ParentFd rd;
    rd.fd = r;
    rd.kind = ParentFd::Kind::PipeRead;
    w.c.fds.push_back(rd);  // reserve r before choosing the write end
    int wr = free_fd(w, ch);
    w.c.fds.back().peer = wr;
    w.c.fds.back().cloexec = ch.chance(40);
    ParentFd wp;
    wp.fd = wr;
    wp.kind = ParentFd::Kind::PipeWrite;
    wp.peer = r;
    wp.cloexec = ch.chance(40);
    w.c.fds.push_back(wp);
    w.open.insert(w.open.end(), {r, wr});
  }
  if (ch.chance(30)) w.c.sigmask = any_signals(ch, 0);
  if (ch.chance(30)) w.c.sigign = any_signals(ch, kUnblockable);
  if (ch.chance(30)) w.c.sigcatch = any_signals(ch, kUnblockable | w.c.sigign);
  if (ch.chance(10)) w.c.umask = ch.chance(50) ? 077 : 0;
}

// An fd an action names: mostly an edge — stdio, an fd the parent has open,
// 3..6 where implementations keep internal pipes — sometimes anything.
int pick_fd(World& w, Choices& ch, const std::vector<int>& recent) {
  switch (ch.below(10)) {
    case 0: case 1: return static_cast<int>(ch.below(3));
    case 2: case 3: if (!w.open.empty()) return w.open[ch.below(w.open.size())]; [[fallthrough]];
    case 4: case 5: return 3 + static_cast<int>(ch.below(4));
    case 6: if (!recent.empty()) return recent[ch.below(recent.size())]; [[fallthrough]];
    case 7: return static_cast<int>(ch.below(21));
    case 8: return w.nofile - 1 - static_cast<int>(ch.below(2));
    default: {
      static const int odd[] = {-1, 1048575, 1024, 64};
      return ch.pick(odd);
    }
  }
}

void add_actions(World& w, Choices& ch) {
  unsigned n = static_cast<unsigned>(ch.below(9));
  std::vector<int> recent;  // fds earlier actions named
  while (w.c.actions.size() < n) {
    Op op = ch.pick(kOps);
    Action a;
    a.op = op;
    switch (op) {
      case Op::ADDOPEN:
        a.fd = pick_fd(w, ch, recent);
        a.path = w.paths[ch.below(w.paths.size())];
        a.oflags = any_oflags(ch);
        if (ch.chance(30)) a.oflags |= oflag("O_CREAT");
        {
          static const std::uint32_t modes[] = {0644, 0600, 0000, 0777, 0640};
          a.mode = ch.pick(modes);
        }
        break;
      case Op::ADDDUP2:
        a.fd = pick_fd(w, ch, recent);
        a.newfd = ch.chance(20) ? a.fd : pick_fd(w, ch, recent);
        if (ch.chance(15) && a.fd != a.newfd && w.c.actions.size() + 3 <= 8) {
          // A swap through a spare fd: the cycle implementations must not
          // short-circuit.
          int spare = 7 + static_cast<int>(ch.below(3));
          w.c.actions.push_back(action(Op::ADDDUP2, a.fd, spare));
          w.c.actions.push_back(action(Op::ADDDUP2, a.newfd, a.fd));
          a.fd = spare;
        }
        break;
      case Op::ADDCHDIR: {
        static const char* const dirs[] = {"sub", ".", "data.txt", "missing", "link", "", "bin"};
        a.path = ch.pick(dirs);
        break;
      }
      default:  // ADDCLOSE, ADDFCHDIR, ADDCLOSEFROM: one fd
        a.fd = pick_fd(w, ch, recent);
        break;
    }
    recent.push_back(a.fd);
    if (a.newfd >= 0) recent.push_back(a.newfd);
    w.c.actions.push_back(a);
  }
}

std::string any_string(Choices& ch) {
  static const char* const shapes[] = {"", "a", "x=y", "\xff\xfe", "caf\xc3\xa9", "with space", "-", "=", "\x01\x7f"};
  return ch.pick(shapes);
}

void add_call(World& w, Choices& ch) {
  Case& c = w.c;
  c.program = "bin/probe";
  if (ch.chance(15)) {
    static const char* const programs[] = {"run.sh", "plain.sh", "noexec", "loop1", "missing", "sub", "plink", "link", ""};
    c.program = ch.pick(programs);
  }
  if (ch.chance(10)) {
    c.func = Func::Spawnp;
    c.parent_env.push_back(ch.chance(80) ? "PATH=bin" : "PATH=:sub:bin");
    if (ch.chance(70)) c.program = "probe";
  }
  switch (ch.below(8)) {
    case 0: c.argv = {}; break;
    case 1: c.argv = {""}; break;
    case 2: c.argv = {"probe", any_string(ch), any_string(ch)}; break;
    case 3:
      c.argv = {"probe"};
      for (std::uint64_t i = 0, n = 20 + ch.below(200); i < n; ++i) c.argv.push_back(fmt::format("arg{}", i));
      break;
    default: c.argv = {"probe"}; break;
  }
  switch (ch.below(6)) {
    case 0:
      c.env_inherit = true;
      if (ch.chance(50)) c.parent_env.push_back("SC_FUZZ=1");
      break;
    case 1: c.envp = {any_string(ch)}; break;
    case 2: c.envp = {"A=1", "B=", any_string(ch)}; break;
    default: break;
  }
}

void add_attr(World& w, Choices& ch) {
  Attr& a = w.c.attr;
  if (ch.chance(35)) {
    AttrFlags f = 0;
    for (unsigned i = 0; i < kAttrFlagCount; ++i)
      if (ch.chance(30)) f |= AttrFlags{1} << i;
    a.flags = f;
  }
  if (ch.chance(30)) a.sigmask = any_signals(ch, 0);
  if (ch.chance(30)) a.sigdefault = any_signals(ch, 0);
  if (ch.chance(15)) a.pgroup = 0;
}

}  // namespace

std::uint64_t Choices::below(std::uint64_t n) {
  if (n == 0) return 0;
  return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
}

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t n) {
  std::uint64_t z = seed + (n + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Case generate_case(std::uint64_t seed, const GenConfig& cfg) {
  Choices ch(seed);
  World w;
  w.nofile = cfg.nofile;
  w.c.name = fmt::format("fuzz-{:016x}", seed);
  add_fixture(w, ch);
  add_parent_state(w, ch);
  add_call(w, ch);
  add_actions(w, ch);
  add_attr(w, ch);
  return std::move(w.c);
}

}  // namespace sc
