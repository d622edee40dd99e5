#include "generate.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "case_build.h"

namespace sc {
namespace {

constexpr auto kOps = [] {
  std::array<Op, kActionCount> ops{};
  for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = static_cast<Op>(i);
  return ops;
}();
constexpr auto kSignals = [] {
  std::array<int, std::size(kSignalTable)> numbers{};
  for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = kSignalTable[i].number;
  return numbers;
}();

template <class T, std::size_t N>
const T& pick(Choices& ch, const std::array<T, N>& items) {
  return items[ch.below(N)];
}

using K = FixtureEntry::Kind;

// The fixture is the same for almost every case, so that consecutive cases
// reuse root/ (Scratch::build_fixture) instead of rebuilding it; the modes
// that make a case about permissions are the rarer variants.
void add_fixture(Case& c, Choices& ch) {
  c.fixture.push_back(fixture_node(K::Probe, "bin/probe"));
  c.fixture.push_back(fixture_file("data.txt", "0123456789"));
  c.fixture.push_back(fixture_node(K::Dir, "sub", ch.chance(4) ? 0000 : 0755));
  c.fixture.push_back(fixture_file("sub/f", "abc", ch.chance(4) ? 0444 : 0644));
  // A program for a caller whose cwd is sub/ (paths may not climb with "..").
  c.fixture.push_back(fixture_node(K::Probe, "sub/probe"));
  c.fixture.push_back(fixture_symlink("link", ch.chance(4) ? "bin" : "data.txt"));
  c.fixture.push_back(fixture_symlink("plink", "bin/probe"));
  c.fixture.push_back(fixture_symlink("loop1", "loop2"));
  c.fixture.push_back(fixture_symlink("loop2", "loop1"));
  c.fixture.push_back(fixture_script("run.sh", ch.chance(4) ? 0644 : 0755));
  FixtureEntry plain = fixture_node(K::Script, "plain.sh", 0755);
  plain.content = "echo\n";
  c.fixture.push_back(plain);
  c.fixture.push_back(fixture_file("noexec", "x", 0644));
  c.fixture.push_back(fixture_node(K::Fifo, "fifo", 0644));
}

OFlags access_mode(Choices& ch) {
  static const char* const modes[] = {"O_RDONLY", "O_WRONLY", "O_RDWR"};
  return oflag(ch.pick(modes));
}

bool taken(const Case& c, int fd) {
  return std::any_of(c.fds.begin(), c.fds.end(), [&](const ParentFd& p) { return p.fd == fd || p.peer == fd; });
}

// Bounded: a byte source that keeps answering the same takes the first
// fd above 20 that no case entry names.
int free_fd(const Case& c, const Names& n, Choices& ch) {
  for (int tries = 0; tries < 64; ++tries) {
    int fd = ch.chance(80) ? static_cast<int>(ch.below(21)) : n.nofile - 1 - static_cast<int>(ch.below(2));
    if (!taken(c, fd)) return fd;
  }
  int fd = 21;
  while (taken(c, fd)) ++fd;
  return fd;
}

bool is_fifo(const Names& n, const Path& p) { return std::find(n.fifos.begin(), n.fifos.end(), p) != n.fifos.end(); }

// Opening a FIFO blocks unless the other end is open or the open cannot
// wait (fifo(7)): read-write always succeeds on Linux, a non-blocking read
// too, a non-blocking write fails with ENXIO without a reader.
OFlags fifo_safe(OFlags f, Choices& ch) {
  const OFlags rd = oflag("O_RDONLY"), wr = oflag("O_WRONLY"), rw = oflag("O_RDWR");
  if (f & rw) return f;
  if (ch.chance(50)) return (f & ~(rd | wr)) | rw;
  return f | oflag("O_NONBLOCK");
}

void add_parent_fds(Case& c, Names& n, Choices& ch) {
  for (int fd = 0; fd < 3; ++fd) {
    unsigned r = static_cast<unsigned>(ch.below(3));
    if (r == 0) continue;
    ParentFd p;
    p.fd = fd;
    if (r == 2) {
      // One draw per statement: the order of a call's arguments is the
      // compiler's, and a seed must make the same case under gcc and clang.
      Path path = n.files[ch.below(n.files.size())];
      bool cloexec = ch.chance(15);
      p = parent_open(fd, path, fd == 0 ? oflag("O_RDONLY") : oflag("O_WRONLY"), cloexec);
      n.open.push_back(fd);
    }
    c.fds.push_back(p);
  }
  unsigned extra = static_cast<unsigned>(ch.below(4));
  for (unsigned i = 0; i < extra; ++i) {
    int fd = free_fd(c, n, ch);
    OFlags f = access_mode(ch);
    if (ch.chance(20)) f |= oflag("O_APPEND");
    if (ch.chance(10)) f |= oflag("O_NONBLOCK");
    Path path = n.files[ch.below(n.files.size())];
    if (!n.fifos.empty() && ch.chance(10)) {
      // The caller is the only process there: read-write cannot block.
      path = n.fifos[ch.below(n.fifos.size())];
      f = (f & ~(oflag("O_RDONLY") | oflag("O_WRONLY"))) | oflag("O_RDWR");
    }
    bool cloexec = ch.chance(40);
    std::uint64_t offset = ch.chance(30) && !is_fifo(n, path) ? ch.below(12) : 0;
    c.fds.push_back(parent_open(fd, path, f, cloexec, offset));
    n.open.push_back(fd);
  }
  if (ch.chance(25)) {
    int r = free_fd(c, n, ch);
    ParentFd rd;
    rd.fd = r;
    rd.kind = ParentFd::Kind::PipeRead;
    c.fds.push_back(rd);  // reserve r before choosing the write end
    int wr = free_fd(c, n, ch);
    c.fds.back().peer = wr;
    c.fds.back().cloexec = ch.chance(40);
    ParentFd wp;
    wp.fd = wr;
    wp.kind = ParentFd::Kind::PipeWrite;
    wp.peer = r;
    wp.cloexec = ch.chance(40);
    c.fds.push_back(wp);
    n.open.insert(n.open.end(), {r, wr});
  }
}

std::string any_string(Choices& ch) {
  static const char* const shapes[] = {"", "a", "x=y", "\xff\xfe", "caf\xc3\xa9", "with space", "-", "=", "\x01\x7f"};
  return ch.pick(shapes);
}

// Strings whose total, with the pointers the kernel counts, lands clearly
// on one side of the execve limit (the model calls the band between
// unpredictable), or one string at the per-string limit MAX_ARG_STRLEN.
std::vector<std::string> around_arg_max(Choices& ch, const GenConfig& cfg) {
  constexpr std::size_t kMaxArgStrlen = 131072;
  if (cfg.arg_max == 0 || ch.chance(30)) return {std::string(kMaxArgStrlen - 1 + ch.below(2), 'x')};
  static const unsigned percent[] = {50, 90, 97, 103, 110, 200};
  const std::size_t total = cfg.arg_max / 100 * ch.pick(percent);
  const std::size_t each = ch.chance(50) ? 100'000 : 4000;  // few long strings or many short ones
  std::vector<std::string> out(total / (each + 9), std::string(each, 'a'));
  return out;
}

}  // namespace

Names names_of(const Case& c, const GenConfig& cfg) {
  Names n;
  n.nofile = cfg.nofile;
  n.skip_ops = cfg.skip_ops;
  std::vector<std::string> probe_names;
  for (const auto& e : c.fixture)
    if (e.kind == K::Probe) probe_names.push_back(e.path.substr(e.path.rfind('/') + 1));
  // Never a name an action could reach the probe by (through a symlink or
  // after addchdir): O_TRUNC on it would empty the session's one copy.
  auto probe_like = [&](const FixtureEntry& e) {
    auto last = [](const Path& p) { return p.substr(p.rfind('/') + 1); };
    return e.kind == K::Probe || std::find(probe_names.begin(), probe_names.end(), last(e.path)) != probe_names.end() ||
           (e.kind == K::Symlink && std::find(probe_names.begin(), probe_names.end(), last(e.target)) != probe_names.end());
  };
  for (const auto& e : c.fixture) {
    if (e.kind == K::Probe || e.kind == K::Script) n.programs.push_back(e.path);
    if (probe_like(e)) continue;
    n.paths.push_back(e.path);
    if (e.kind == K::File) n.files.push_back(e.path);
    if (e.kind == K::Fifo) n.fifos.push_back(e.path);
    if (e.kind == K::Dir) {
      n.dirs.push_back(e.path);
      n.paths.push_back(e.path + "/new");
    }
    if (e.kind == K::Symlink) {
      n.dirs.push_back(e.path);
      n.programs.push_back(e.path);
    }
  }
  for (const char* p : {"missing", "", "new.txt", "."}) n.paths.push_back(p);
  for (const char* p : {".", "missing", ""}) n.dirs.push_back(p);
  n.programs.insert(n.programs.end(), {"missing", ""});
  if (n.files.empty()) n.files.push_back("missing");
  for (const auto& p : c.fds) {
    if (p.kind == ParentFd::Kind::Closed) continue;
    n.open.push_back(p.fd);
  }
  return n;
}

OFlags any_oflags(Choices& ch) {
  OFlags f = access_mode(ch);
  for (unsigned i = 3; i < kOFlagCount; ++i)
    if (ch.chance(15)) f |= OFlags{1} << i;
  return f;
}

SigSet any_signals(Choices& ch, SigSet exclude) {
  SigSet s = 0;
  unsigned n = static_cast<unsigned>(ch.below(4));
  for (unsigned i = 0; i < n; ++i) s |= sigbit(pick(ch, kSignals));
  if (ch.chance(10)) s |= sigbit(35 + static_cast<int>(ch.below(30)));  // SIGRT3..SIGRT32
  return s & ~exclude;
}

int edge_fd(const Names& n, Choices& ch, const std::vector<int>& recent) {
  switch (ch.below(10)) {
    case 0: case 1: return static_cast<int>(ch.below(3));
    case 2: case 3: if (!n.open.empty()) return n.open[ch.below(n.open.size())]; [[fallthrough]];
    case 4: case 5: return 3 + static_cast<int>(ch.below(4));
    case 6: if (!recent.empty()) return recent[ch.below(recent.size())]; [[fallthrough]];
    case 7: return static_cast<int>(ch.below(21));
    case 8: return n.nofile - 1 - static_cast<int>(ch.below(2));
    default: {
      if (n.tame) return static_cast<int>(ch.below(21));
      static const int odd[] = {-1, 1048575, 1024, 64};
      return ch.pick(odd);
    }
  }
}

OFlags open_flags_for(const Names& n, const Path& path, Choices& ch) {
  OFlags f = any_oflags(ch);
  if (ch.chance(30)) f |= oflag("O_CREAT");
  return is_fifo(n, path) ? fifo_safe(f, ch) : f;
}

std::vector<Action> random_actions(const Names& n, Choices& ch, const std::vector<int>& recent) {
  // A tame case names fds that are open and paths that exist, so that the
  // call gets as far as the exec and the child's state is compared; the
  // others aim at the edges and mostly fail in a file action.
  auto source = [&] {
    if (n.tame && ch.chance(85)) {
      std::vector<int> pool = n.open;
      pool.insert(pool.end(), recent.begin(), recent.end());
      if (!pool.empty()) return pool[ch.below(pool.size())];
    }
    return edge_fd(n, ch, recent);
  };
  Action a;
  // ADDOPEN, ADDCLOSE and ADDDUP2 are required, so this ends.
  do a.op = pick(ch, kOps);
  while (n.skip_ops >> static_cast<unsigned>(a.op) & 1);
  if (n.tame && a.op == Op::ADDFCHDIR && ch.chance(75)) a.op = Op::ADDCLOSE;
  switch (a.op) {
    case Op::ADDOPEN: {
      static const std::uint32_t modes[] = {0644, 0600, 0000, 0777, 0640};
      a.fd = edge_fd(n, ch, recent);
      const auto& paths = n.tame ? n.files : n.paths;
      a.path = paths[ch.below(paths.size())];
      a.oflags = open_flags_for(n, a.path, ch);
      if (n.tame) a.oflags &= ~(oflag("O_DIRECTORY") | oflag("O_EXCL"));
      a.mode = ch.pick(modes);
      return {a};
    }
    case Op::ADDDUP2:
      a.fd = source();
      a.newfd = ch.chance(20) ? a.fd : edge_fd(n, ch, recent);
      if (ch.chance(15) && a.fd != a.newfd) {
        // A swap through a spare fd: the cycle implementations must not
        // short-circuit.
        int spare = 7 + static_cast<int>(ch.below(3));
        return {action(Op::ADDDUP2, a.fd, spare), action(Op::ADDDUP2, a.newfd, a.fd), action(Op::ADDDUP2, spare, a.newfd)};
      }
      return {a};
    case Op::ADDCHDIR:
      a.path = n.tame ? "." : n.dirs[ch.below(n.dirs.size())];
      return {a};
    case Op::ADDCLOSE:
      a.fd = source();
      return {a};
    default:  // ADDFCHDIR, ADDCLOSEFROM: one fd
      a.fd = edge_fd(n, ch, recent);
      return {a};
  }
}

void random_argv(Case& c, Choices& ch, const GenConfig& cfg) {
  switch (ch.below(9)) {
    case 0: c.argv = {}; break;
    case 1: c.argv = {""}; break;
    case 2: c.argv = {"probe", any_string(ch), any_string(ch)}; break;
    case 3:
      c.argv = {"probe"};
      for (std::uint64_t i = 0, k = 20 + ch.below(200); i < k; ++i) c.argv.push_back(fmt::format("arg{}", i));
      break;
    case 4:
      // Rare: megabytes of strings cost as much as a hundred small cases.
      if (ch.chance(4)) {
        c.argv = around_arg_max(ch, cfg);
        c.argv.insert(c.argv.begin(), "probe");
        break;
      }
      [[fallthrough]];
    default: c.argv = {"probe"}; break;
  }
}

void random_envp(Case& c, Choices& ch, const GenConfig& cfg) {
  c.env_inherit = false;
  c.envp.clear();
  switch (ch.below(7)) {
    case 0:
      c.env_inherit = true;
      if (ch.chance(50)) c.parent_env.push_back("SC_FUZZ=1");
      break;
    case 1: c.envp = {any_string(ch)}; break;
    case 2: c.envp = {"A=1", "B=", any_string(ch)}; break;
    case 3:
      if (ch.chance(2)) {
        for (auto& s : around_arg_max(ch, cfg)) c.envp.push_back("E=" + s);
        break;
      }
      [[fallthrough]];
    default: break;
  }
}

void random_attr(Attr& a, Choices& ch) {
  if (ch.chance(35)) {
    AttrFlags f = 0;
    for (unsigned i = 0; i < kAttrFlagCount; ++i)
      if (ch.chance(30)) f |= AttrFlags{1} << i;
    a.flags = f;
  }
  if (ch.chance(30)) a.sigmask = any_signals(ch, 0);
  if (ch.chance(30)) a.sigdefault = any_signals(ch, 0);
  // 0: a new group led by the child; the caller's own group, the one
  // existing group certain to be in the harness's own tree; negative:
  // setpgid's EINVAL.
  if (ch.chance(15)) {
    static const int groups[] = {0, 0, 0, 0, 0, kPgroupCaller, kPgroupCaller, -1};
    a.pgroup = ch.pick(groups);
  }
}

void random_parent_signals(Case& c, Choices& ch) {
  if (ch.chance(30)) c.sigmask = any_signals(ch, 0);
  if (ch.chance(30)) c.sigign = any_signals(ch, kUnblockable);
  if (ch.chance(30)) c.sigcatch = any_signals(ch, kUnblockable | c.sigign);
  if (ch.chance(10)) c.umask = ch.chance(50) ? 077 : 0;
}

namespace {

// The call: mostly the probe from the root; sometimes from sub/ (a parent
// cwd other than the root: relative paths are then sub/'s), another
// program, or posix_spawnp through PATH.
void add_call(Case& c, Names& n, Choices& ch, const GenConfig& cfg) {
  const bool sub_open = std::any_of(c.fixture.begin(), c.fixture.end(),
                                    [](const FixtureEntry& e) { return e.path == "sub" && e.mode != 0; });
  if (sub_open && ch.chance(8)) {
    c.cwd = "sub";
    c.program = "probe";
    n.paths = {"f", "new", "missing", "", "."};
    n.dirs = {".", "missing", "f"};
  } else {
    c.program = "bin/probe";
    if (!n.tame && ch.chance(15)) {
      static const char* const programs[] = {"run.sh", "plain.sh", "noexec", "loop1", "missing",
                                             "sub",    "plink",    "link",   "",      "fifo"};
      c.program = ch.pick(programs);
    }
    if (ch.chance(10)) {
      c.func = Func::Spawnp;
      c.parent_env.push_back(ch.chance(80) ? "PATH=bin" : "PATH=:sub:bin");
      if (ch.chance(70)) c.program = "probe";
    }
  }
  random_argv(c, ch, cfg);
  random_envp(c, ch, cfg);
}

}  // namespace


// Past the end of the bytes every answer is 0, on which a generator loop
// that retries until it draws an fd not yet taken would spin forever; so
// after this many decisions past the end (far more than any case makes) the
// answers go on from splitmix64, still a function of the input alone.
constexpr std::uint64_t kOverdraw = 1024;

std::uint64_t Choices::from_bytes(Bytes& b, std::uint64_t n) {
  if (b.left == 0) return ++b.overdrawn <= kOverdraw ? 0 : run_seed(0, b.overdrawn) % n;
  std::uint64_t v = 0;
  for (std::uint64_t range = n - 1; range != 0 && b.left != 0; range >>= 8, --b.left) v = (v << 8) | *b.data++;
  return v % n;
}

std::uint64_t Choices::below(std::uint64_t n) {
  if (n == 0) return 0;
  if (auto* rng = std::get_if<std::mt19937_64>(&src_))
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(*rng);
  return from_bytes(std::get<Bytes>(src_), n);
}

bool Choices::chance(unsigned percent) {
  std::uint64_t r = below(100);
  // Counted from the top for bytes, so that running out of them means "no".
  return std::holds_alternative<Bytes>(src_) ? r + percent >= 100 : r < percent;
}

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t n) {
  std::uint64_t z = seed + (n + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Case generate_case(Choices& ch, const GenConfig& cfg) {
  Case c;
  c.name = "fuzz-input";
  add_fixture(c, ch);
  Names n = names_of(c, cfg);
  n.tame = ch.chance(50);
  add_parent_fds(c, n, ch);
  random_parent_signals(c, ch);
  add_call(c, n, ch, cfg);
  std::vector<int> recent;  // fds earlier actions opened or duplicated to
  for (std::uint64_t k = ch.below(9); c.actions.size() < k;)
    for (auto& a : random_actions(n, ch, recent)) {
      if (a.op == Op::ADDOPEN) recent.push_back(a.fd);
      if (a.op == Op::ADDDUP2) recent.push_back(a.newfd);
      if (a.op == Op::ADDCLOSE) std::erase(recent, a.fd);
      c.actions.push_back(std::move(a));
    }
  random_attr(c.attr, ch);
  return c;
}

Case generate_case(std::uint64_t seed, const GenConfig& cfg) {
  Choices ch(seed);
  Case c = generate_case(ch, cfg);
  c.name = fmt::format("fuzz-{:016x}", seed);
  return c;
}

}  // namespace sc
