// Round trips of the case format (both directions), the corpus, and the
// errors a hand-writing user meets.
#include "case_format.h"
#include "surface.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#ifndef SPAWNCHECK_CORPUS_DIR
// This file is tests/unit/case_format_test.cpp; the corpus is ../../corpus.
#define SPAWNCHECK_CORPUS_DIR (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "corpus")
#endif

namespace sc {
namespace {

constexpr auto kAllOFlags = [] {
  std::array<std::string_view, kOFlagCount> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kOFlagTable[i].name;
  return names;
}();
constexpr auto& kAllAttrFlags = kAttrFlagNames;
constexpr auto kAllOps = [] {
  std::array<Op, kActionCount> ops{};
  for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = static_cast<Op>(i);
  return ops;
}();
const auto kAllErrnos = [] {
  std::vector<std::string_view> names;
  for (const auto& e : errnos()) names.push_back(e.name);
  return names;
}();

Case parsed(std::string_view text) {
  auto r = parse_case(text, "t.case");
  EXPECT_TRUE(r) << r.error << "\n" << text;
  return r ? *r.value : Case{};
}

void expect_round_trips(const Case& c) {
  auto text = print_case(c);
  auto r = parse_case(text, "t.case");
  ASSERT_TRUE(r) << r.error << "\n" << text;
  EXPECT_EQ(*r.value, c) << text;
  EXPECT_EQ(print_case(*r.value), text);
}

// The fields each action uses, written out here independently of the
// signature strings the parser derives them from.
Action sample_action(Op op, int fd, int newfd, std::string path, OFlags oflags, std::uint32_t mode) {
  Action a;
  a.op = op;
  switch (op) {
    case Op::ADDOPEN: a.fd = fd, a.path = std::move(path), a.oflags = oflags, a.mode = mode; break;
    case Op::ADDDUP2: a.fd = fd, a.newfd = newfd; break;
    case Op::ADDCHDIR: a.path = std::move(path); break;
    default: a.fd = fd; break;
  }
  return a;
}

Case base_case() {
  Case c;
  c.name = "t";
  c.fixture.push_back({FixtureEntry::Kind::Probe, "probe", 0644, "", "", false});
  c.program = "probe";
  c.argv = {"probe"};
  return c;
}

constexpr std::string_view kHead = "spawncheck-case 1\nname t\nfixture probe \"p\"\n";
constexpr std::string_view kCall = "call posix_spawn \"p\"\nargv \"p\"\nenvp\n";

TEST(CaseFormat, MinimalTextRoundTrips) {
  std::string text = std::string(kHead) + std::string(kCall);
  auto c = parsed(text);
  EXPECT_EQ(c.name, "t");
  EXPECT_EQ(c.cwd, ".");
  EXPECT_EQ(c.umask, 022u);
  EXPECT_EQ(print_case(c), text);
}

TEST(CaseFormat, FullTextParsesToTheExpectedCase) {
  std::string text =
      "# leading comment\n"
      "spawncheck-case 1\n"
      "name full-1.x_y\n"
      "\n"
      "fixture file \"data.txt\" 0644 \"hello\\n\"\n"
      "fixture dir \"sub\" 0755\n"
      "fixture fifo \"pipe0\" 0600\n"
      "fixture symlink \"loop1\" \"loop2\"\n"
      "fixture probe \"bin/tool\"\n"
      "fixture script \"run.sh\" 0755 shebang \"arg1\\n\"\n"
      "parent cwd \"sub\"\n"
      "parent umask 0077\n"
      "parent fd 3 open \"data.txt\" O_RDWR|O_APPEND cloexec offset 5\n"
      "parent fd 4 pipe-read 5\n"
      "parent fd 5 pipe-write 4 cloexec\n"
      "parent fd 0 closed\n"
      "parent sigmask SIGUSR1 SIGTERM\n"
      "parent sigign SIGINT\n"
      "parent sigcatch SIGHUP SIGRT32\n"
      "parent env \"PATH=bin\"\n"
      "call posix_spawnp \"tool\"\n"
      "argv \"tool\" \"a b\" \"\"\n"
      "envp \"A=1\" \"B=\"\n"
      "action addopen 4 \"data.txt\" O_RDONLY 0000\n"
      "# between actions\n"
      "action addclose 3\n"
      "action adddup2 4 4\n"
      "action addchdir \"sub\"\n"
      "action addfchdir 3\n"
      "action addclosefrom 5\n"
      "attr flags SETPGROUP|SETSIGMASK\n"
      "attr sigmask SIGUSR2\n"
      "attr sigdefault SIGINT\n"
      "attr pgroup 0\n"
      "expect error ENOENT\n"
      "# trailing\n";
  auto c = parsed(text);
  EXPECT_EQ(print_case(c), text);
  ASSERT_EQ(c.fixture.size(), 6u);
  EXPECT_EQ(c.fixture[0].content, "hello\n");
  EXPECT_EQ(c.fixture[3].target, "loop2");
  EXPECT_TRUE(c.fixture[5].shebang);
  EXPECT_EQ(c.cwd, "sub");
  EXPECT_EQ(c.umask, 077u);
  ASSERT_EQ(c.fds.size(), 4u);
  EXPECT_EQ(c.fds[0].offset, 5u);
  EXPECT_TRUE(c.fds[0].cloexec);
  EXPECT_EQ(c.fds[0].oflags, (1u << 2) | (1u << 3));
  EXPECT_EQ(c.fds[2].peer, 4);
  EXPECT_EQ(c.sigmask, (SigSet{1} << 9) | (SigSet{1} << 14));
  EXPECT_EQ(c.sigcatch, 1u | (SigSet{1} << 63));
  EXPECT_EQ(c.func, Func::Spawnp);
  EXPECT_EQ(c.argv, (std::vector<std::string>{"tool", "a b", ""}));
  EXPECT_EQ(c.envp, (std::vector<std::string>{"A=1", "B="}));
  ASSERT_EQ(c.actions.size(), 6u);
  EXPECT_EQ(c.actions[2].op, Op::ADDDUP2);
  EXPECT_EQ(c.actions[2].newfd, 4);
  EXPECT_EQ(c.attr.flags, AttrFlags{(1u << 1) | (1u << 3)});
  EXPECT_EQ(c.attr.pgroup, 0);
  EXPECT_EQ(c.expect.error, "ENOENT");
  ASSERT_EQ(c.trivia.size(), 4u);
  EXPECT_EQ(c.trivia[0].before, 0u);
  EXPECT_EQ(c.trivia[1].text, "");
  EXPECT_EQ(c.trivia[1].before, 2u);
  EXPECT_EQ(c.trivia[2].before, 22u);  // addclose, the 23rd directive
  EXPECT_EQ(c.trivia[3].before, 32u);  // after all 32
}

TEST(CaseFormat, EnvpForms) {
  auto inherit = parsed(std::string(kHead) + "call posix_spawn \"p\"\nargv\nenvp inherit\n");
  EXPECT_TRUE(inherit.env_inherit);
  EXPECT_TRUE(inherit.argv.empty());
  auto quoted = parsed(std::string(kHead) + "call posix_spawn \"p\"\nargv\nenvp \"inherit\"\n");
  EXPECT_FALSE(quoted.env_inherit);
  EXPECT_EQ(quoted.envp, std::vector<std::string>{"inherit"});
}

TEST(CaseFormat, EveryActionRoundTrips) {
  const OFlags all = (OFlags{1} << std::size(kAllOFlags)) - 1 - 0b011;  // every flag, access mode O_RDWR
  for (Op op : kAllOps) {
    for (const auto& a : {sample_action(op, -1, -1, "", 1, 0), sample_action(op, 1048575, 0, "a b/\x01", all, 07777)}) {
      auto c = base_case();
      c.actions.push_back(a);
      expect_round_trips(c);
    }
  }
}

TEST(CaseFormat, EveryFlagAndSignalRoundTrips) {
  for (std::size_t i = 0; i < std::size(kAllOFlags); ++i) {
    auto c = base_case();
    OFlags access = i < 3 ? OFlags{1} << i : 1;
    c.fds.push_back({3, ParentFd::Kind::Open, "f", access | (OFlags{1} << i), false, 0, -1});
    c.actions.push_back({Op::ADDOPEN, 3, -1, "f", access | (OFlags{1} << i), 0644});
    expect_round_trips(c);
    EXPECT_NE(print_case(c).find(kAllOFlags[i]), std::string::npos);
  }
  auto all = base_case();
  all.actions.push_back({Op::ADDOPEN, 3, -1, "f", (OFlags{1} << std::size(kAllOFlags)) - 1 - 0b011, 0644});
  expect_round_trips(all);
  for (std::size_t i = 0; i < std::size(kAllAttrFlags); ++i) {
    auto c = base_case();
    c.attr.flags = AttrFlags{1} << i;
    expect_round_trips(c);
    EXPECT_NE(print_case(c).find(kAllAttrFlags[i]), std::string::npos);
  }
  for (int n = 1; n <= 64; ++n) {
    if (n >= 32 && n <= 34) continue;
    auto c = base_case();
    c.sigmask = SigSet{1} << (n - 1);
    c.attr.sigmask = c.attr.sigdefault = c.sigmask;
    expect_round_trips(c);
    if (n == 9 || n == 19) continue;  // SIGKILL and SIGSTOP keep their disposition
    c.sigign = c.sigmask;
    expect_round_trips(c);
    c.sigcatch = std::exchange(c.sigign, 0);
    expect_round_trips(c);
    EXPECT_EQ(signal_name(n), n >= 32 ? "SIGRT" + std::to_string(n - 32) : std::string(kSignalTable[n - 1].name));
  }
  auto every = base_case();
  every.sigmask = ~SigSet{0} & ~(SigSet{7} << 31);
  every.attr.sigdefault = every.sigmask;
  expect_round_trips(every);
  for (auto e : kAllErrnos) {
    auto c = base_case();
    c.expect.error = std::string(e);
    expect_round_trips(c);
  }
}

TEST(CaseFormat, EveryByteInStringsRoundTrips) {
  auto c = base_case();
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  c.argv = {all.substr(1), "", "\"\\"};  // C strings: no NUL
  c.fixture.push_back({FixtureEntry::Kind::File, all.substr(1), 0600, all, "", false});
  expect_round_trips(c);
  EXPECT_EQ(case_quote("a\tb\n\"\\\x01\x7f\xff"), "\"a\\tb\\n\\\"\\\\\\x01\\x7f\\xff\"");
}

// Random valid cases: parse(print(c)) == c.
Case random_case(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto bytes = [&](int lowest) {
    std::string s;
    for (int i = pick(6); i > 0; --i) s += static_cast<char>(pick(4) == 0 ? lowest + pick(256 - lowest) : 'a' + pick(26));
    return s;
  };
  auto str = [&] { return bytes(1); };  // a C string
  auto strs = [&](int max) {
    std::vector<std::string> v(static_cast<std::size_t>(pick(max + 1)));
    for (auto& s : v) s = str();
    return v;
  };
  auto sigset = [&] {
    SigSet s = (SigSet{rng()} << 32 | rng()) & ~(SigSet{7} << 31);
    return pick(3) == 0 ? SigSet{0} : s & (SigSet{rng()} << 32 | rng());
  };
  auto oflags = [&] { return (OFlags{1} << pick(3)) | (rng() & 0x1ff8u); };
  Case c;
  const std::string chars = "abcdefghijklmnopqrstuvwxyz0123456789._-";
  for (int i = pick(10) + 1; i > 0; --i) c.name += chars[static_cast<std::size_t>(pick(static_cast<int>(chars.size())))];
  for (int i = pick(5); i > 0; --i) {
    FixtureEntry e;
    e.kind = static_cast<FixtureEntry::Kind>(pick(6));
    e.path = str();
    using K = FixtureEntry::Kind;
    if (e.kind != K::Symlink && e.kind != K::Probe) e.mode = static_cast<std::uint32_t>(pick(07777 + 1));
    if (e.kind == K::File || e.kind == K::Script) e.content = bytes(0);
    if (e.kind == K::Symlink) e.target = str();
    if (e.kind == K::Script) e.shebang = pick(2);
    c.fixture.push_back(e);
  }
  if (pick(3) == 0) c.cwd = "d" + str();
  if (pick(3) == 0) c.umask = static_cast<std::uint32_t>(pick(0777 + 1));
  int fd = pick(3);
  for (int i = pick(4); i > 0; --i, fd += 1 + pick(100)) {
    ParentFd f;
    f.fd = fd;
    switch (pick(3)) {
      case 0: f.kind = ParentFd::Kind::Closed; break;
      case 1:
        f.kind = ParentFd::Kind::Open, f.path = str(), f.oflags = oflags(), f.cloexec = pick(2);
        f.offset = pick(2) ? static_cast<std::uint64_t>(rng()) : 0;
        break;
      default: {
        ParentFd w{fd + 1, ParentFd::Kind::PipeWrite, "", 0, static_cast<bool>(pick(2)), 0, fd};
        f.kind = ParentFd::Kind::PipeRead, f.peer = fd + 1, f.cloexec = pick(2);
        c.fds.push_back(f);
        f = w;
        ++fd;
      }
    }
    c.fds.push_back(f);
  }
  const SigSet fixed = (SigSet{1} << 8) | (SigSet{1} << 18);  // SIGKILL, SIGSTOP
  c.sigmask = sigset(), c.sigign = sigset() & ~fixed, c.sigcatch = sigset() & ~fixed & ~c.sigign;
  c.parent_env = strs(3);
  c.func = pick(2) ? Func::Spawn : Func::Spawnp;
  c.program = str();
  c.argv = strs(4);
  c.env_inherit = pick(3) == 0;
  if (!c.env_inherit) c.envp = strs(3);
  for (int i = pick(6); i > 0; --i) {
    auto op = kAllOps[static_cast<std::size_t>(pick(static_cast<int>(std::size(kAllOps))))];
    c.actions.push_back(sample_action(op, pick(10) - 1, pick(2) ? 1048575 : pick(5) - 1, str(), oflags(),
                                      static_cast<std::uint32_t>(pick(07777 + 1))));
  }
  if (pick(2)) c.attr.flags = rng() & 0x1fu;
  if (pick(2)) c.attr.sigmask = sigset();
  if (pick(2)) c.attr.sigdefault = sigset();
  if (pick(2)) c.attr.pgroup = static_cast<int>(rng());
  if (pick(2)) c.expect.error = pick(2) ? "0" : std::string(kAllErrnos[static_cast<std::size_t>(pick(static_cast<int>(std::size(kAllErrnos))))]);
  auto text = print_case(c);
  auto directives = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  std::vector<std::size_t> before(static_cast<std::size_t>(pick(4)));
  for (auto& b : before) b = static_cast<std::size_t>(pick(static_cast<int>(directives) + 1));
  std::sort(before.begin(), before.end());
  for (auto b : before) {
    auto comment = "#" + str();
    std::replace(comment.begin(), comment.end(), '\n', ' ');
    c.trivia.push_back({b, pick(2) ? "" : comment});
  }
  return c;
}

TEST(CaseFormat, RandomCasesRoundTrip) {
  std::mt19937 rng(20240601);
  for (int i = 0; i < 2000; ++i) {
    auto c = random_case(rng);
    SCOPED_TRACE(i);
    expect_round_trips(c);
  }
}

struct Malformed {
  std::string text;
  std::string error;
};

TEST(CaseFormat, ErrorsSayWhereAndWhatIsCanonical) {
  const std::string head(kHead), call(kCall);
  const Malformed cases[] = {
      {"", "t.case:1:1: expected the `spawncheck-case 1` line, got end of file"},
      {"name x\n", "t.case:1:1: expected `spawncheck-case 1` as the first line that is not a comment, got `name`"},
      {"spawncheck-case 2\n", "t.case:1:17: expected format version 1 (the only one this spawncheck reads), got `2`"},
      {"spawncheck-case 1\nname Bad\n", "t.case:2:6: expected a name of characters a-z 0-9 . _ -, got `B`"},
      {head + call + "action addopen 3 \"f\" O_CREAT|O_WRONLY|O_TRUNC 0644\n",
       "t.case:7:22: expected open flags in the order O_WRONLY|O_CREAT|O_TRUNC, got `O_CREAT|O_WRONLY|O_TRUNC`"},
      {head + call + "action addopen 3 \"f\" O_CREAT 0644\n",
       "t.case:7:22: expected exactly one access mode (O_RDONLY, O_WRONLY or O_RDWR), got `O_CREAT`"},
      {head + call + "action addopen 3 \"f\" O_RDONLY 644\n",
       "t.case:7:31: expected a mode as 4 octal digits like 0644, got `644`"},
      {head + "parent umask 0022\n" + call,
       "t.case:4:14: expected a umask other than the default (omit `parent umask` to keep 0022), got `0022`"},
      {head + "parent sigmask SIGTERM SIGUSR1\n" + call,
       "t.case:4:16: expected signals in ascending number order (SIGUSR1 SIGTERM), got `SIGTERM SIGUSR1`"},
      {head + "parent sigmask SIG10\n" + call, "t.case:4:16: expected `SIGUSR1` (the canonical name), got `SIG10`"},
      {head + "parent sigmask SIGRT1\n" + call,
       "t.case:4:16: expected a signal other than 32..34 (the libc reserves them), got `SIGRT1`"},
      {head + call + "attr flags SETSIGMASK|SETPGROUP\n",
       "t.case:7:12: expected attribute flags in the order SETPGROUP|SETSIGMASK, got `SETSIGMASK|SETPGROUP`"},
      {head + "parent fd 4 pipe-read 5\n" + call,
       "t.case:4:23: expected fd 5 to be `parent fd 5 pipe-write 4`, got no such parent fd"},
      {head + "parent fd 4 pipe-read 5\nparent fd 5 pipe-read 4\n" + call,
       "t.case:4:23: expected fd 5 to be `parent fd 5 pipe-write 4`, got `parent fd 5 pipe-read 4` on line 5"},
      {head + "parent fd 4 closed\nparent fd 4 closed\n" + call,
       "t.case:5:11: expected a descriptor not set up before (fd 4 is on line 4), got `4`"},
      {head + call + "parent cwd \"x\"\n",
       "t.case:7:1: expected `envp` or a later directive (`parent cwd` goes before `envp`), got `parent cwd`"},
      {head + "call posix_spawn \"p\"\nenvp\n", "t.case:5:1: expected the `argv` line before this one, got `envp`"},
      {head + call + "argv \"p\"\n", "t.case:7:1: expected at most one `argv` line (the first is line 5), got another"},
      {head + "call posix_spawn \"p\\x0a\"\nargv\nenvp\n", "t.case:4:20: expected the canonical escape `\\n`, got `\\x0a`"},
      {head + "call posix_spawn \"p\\x41\"\nargv\nenvp\n",
       "t.case:4:20: expected the byte written as itself (`A`), got `\\x41`"},
      {head + "call posix_spawn \"p\\x0D\"\nargv\nenvp\n",
       "t.case:4:20: expected the canonical escape `\\x0d`, got `\\x0D`"},
      {head + "call posix_spawn \"p\\r\"\nargv\nenvp\n",
       "t.case:4:20: expected an escape (\\\\, \\\", \\n, \\t or \\xHH), got `\\r`"},
      {head + "call posix_spawn \"\xc3\xa9\"\nargv\nenvp\n",
       "t.case:4:19: expected the escape `\\xc3` for byte 0xc3, got the raw byte"},
      {head + "call posix_spawn  \"p\"\nargv\nenvp\n", "t.case:4:18: expected a single space between fields, got two or more"},
      {head + "call posix_spawn \"p\" \nargv\nenvp\n", "t.case:4:21: expected end of line, got a space (trailing space)"},
      {head + "call posix_spawn \"p\nargv\nenvp\n", "t.case:4:20: expected a closing `\"`, got end of line"},
      {head + call + "expect error enoent\n", "t.case:7:14: expected `ENOENT` (errno names are upper case), got `enoent`"},
      {head + call + "action addfoo 3\n",
       "t.case:7:8: expected an action: addopen addclose adddup2 addchdir addfchdir addclosefrom, got `addfoo`"},
      {head + call + "action adddup2 3 05\n", "t.case:7:18: expected a file descriptor without leading zeros, got `05`"},
      {head + call + "action adddup2 3 1048576\n", "t.case:7:18: expected a file descriptor in -1..1048575, got `1048576`"},
      {head + call + "action adddup2 3\n", "t.case:7:17: expected a space, got end of line"},
      {head + call + "expect error 0", "t.case:7:15: expected a newline at the end of the last line, got end of file"},
      {head + call + "expect error 0\r\n",
       "t.case:7:15: expected end of line, got a carriage return (line endings must be LF only)"},
      {head + " " + call, "t.case:4:1: expected a directive at the start of the line, got a space (no indentation)"},
      {head + "parent fd 3 open \"f\" O_RDONLY offset 0\n" + call,
       "t.case:4:38: expected a non-zero offset (omit `offset 0`, it is the default), got `0`"},
      {head + "parent fd 3 open \"f\" O_RDONLY offset 3 cloexec\n" + call,
       "t.case:4:40: expected end of line, got `cloexec`"},
      {head + "parent cwd \".\"\n" + call,
       "t.case:4:12: expected a directory other than the default (omit `parent cwd` to keep \".\"), got `\".\"`"},
      {head + "fixture script \"s\" 0755 bang \"\"\n" + call, "t.case:4:25: expected `shebang` or `noshebang`, got `bang`"},
      {head + "parent sigmask\n" + call,
       "t.case:4:15: expected a signal name, got end of line (omit `parent sigmask` for an empty mask)"},
      {"spawncheck-case 1\nname t\ncall posix_spawn \"p\"\nargv\n", "t.case:5:1: expected the `envp` line, got end of file"},
      {head + "call posix_spawn \"p\"\nargv \"a\\x00b\"\nenvp\n",
       "t.case:5:8: expected a byte other than NUL (paths, argv and environment entries are C strings), got `\\x00`"},
      {head + "parent sigign SIGINT SIGKILL\n" + call,
       "t.case:4:15: expected signals that can be ignored or caught (not SIGKILL or SIGSTOP), got `SIGKILL`"},
      {head + "parent sigign SIGINT SIGTERM\nparent sigcatch SIGHUP SIGTERM\n" + call,
       "t.case:5:17: expected signals not already in `parent sigign`, got `SIGTERM`"},
  };
  for (const auto& m : cases) {
    auto r = parse_case(m.text, "t.case");
    EXPECT_FALSE(r) << m.text;
    EXPECT_EQ(r.error, m.error) << m.text;
  }
}

TEST(CaseFormat, InvalidCasesDoNotPrintAsValidOnes) {
  auto c = base_case();
  c.sigmask = SigSet{1} << 32;  // signal 33, libc-internal
  EXPECT_FALSE(parse_case(print_case(c), "t.case"));
  c = base_case();
  c.actions.push_back({Op::ADDOPEN, 3, -1, "f", OFlags{1} << 30, 0});
  EXPECT_FALSE(parse_case(print_case(c), "t.case"));
}

TEST(CaseFormat, SurfaceListsTheWholeDef) {
  auto s = describe_surface();
  for (auto n : {"addopen", "fd path oflags mode", "addclosefrom", "O_NOCTTY", "SETSID", "SIGSYS", "SIGRT<n>", "ENOTSUP", "expect error"})
    EXPECT_NE(s.find(n), std::string::npos) << n;
}

TEST(CaseFormat, CorpusFilesRoundTrip) {
  std::filesystem::path dir = SPAWNCHECK_CORPUS_DIR;
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".case") continue;
    ++files;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto r = parse_case(text.str(), e.path().string());
    ASSERT_TRUE(r) << r.error;
    EXPECT_EQ(print_case(*r.value), text.str()) << e.path();
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace sc
