// Round trips of the case format (both directions), the corpus, the other
// spellings a hand-writing user may use and what each prints as, and the
// errors for what stays refused.
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
    // A line's trailing blanks and CR are not part of it (docs/case-format.md).
    while (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r') comment.pop_back();
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

// ---- other spellings ---------------------------------------------------------

struct Respelt {
  std::string text;       // as a person might write it
  std::string canonical;  // what spawncheck fmt makes of it
};

void expect_reads_as(const Respelt& r) {
  auto relaxed = parse_case(r.text, "t.case");
  ASSERT_TRUE(relaxed) << relaxed.error << "\n" << r.text;
  EXPECT_EQ(print_case(*relaxed.value), r.canonical) << r.text;
  auto canonical = parse_case(r.canonical, "t.case");
  ASSERT_TRUE(canonical) << canonical.error << "\n" << r.canonical;
  EXPECT_EQ(*canonical.value, *relaxed.value) << r.text;
  EXPECT_EQ(print_case(*canonical.value), r.canonical);
}

TEST(CaseFormat, ExplicitDefaultsAreReadAndOmitted) {
  const std::string head(kHead), call(kCall), canonical = head + call;
  const Respelt cases[] = {
      {head + "parent umask 0022\n" + call, canonical},
      {head + "parent umask 22\n" + call, canonical},
      {head + "parent cwd \".\"\n" + call, canonical},
      {head + "parent sigmask\nparent sigign\nparent sigcatch\nparent env\n" + call, canonical},
      {head + "parent fd 3 open \"f\" O_RDONLY offset 0\n" + call, head + "parent fd 3 open \"f\" O_RDONLY\n" + call},
  };
  for (const auto& r : cases) expect_reads_as(r);
}

TEST(CaseFormat, FlagsInAnyOrderAndAsInTheirHeaders) {
  const std::string c = std::string(kHead) + std::string(kCall);
  const Respelt cases[] = {
      {c + "action addopen 3 \"f\" O_CREAT|O_WRONLY|O_TRUNC 0644\n",
       c + "action addopen 3 \"f\" O_WRONLY|O_CREAT|O_TRUNC 0644\n"},
      // <fcntl.h>: O_RDONLY is 0, what no access mode means.
      {c + "action addopen 3 \"f\" O_CREAT 0644\n", c + "action addopen 3 \"f\" O_RDONLY|O_CREAT 0644\n"},
      {c + "action addopen 3 \"f\" 0 0\n", c + "action addopen 3 \"f\" O_RDONLY 0000\n"},
      {c + "action addopen 3 \"f\" o_wronly | creat|trunc |  O_NDELAY 0\n",
       c + "action addopen 3 \"f\" O_WRONLY|O_CREAT|O_TRUNC|O_NONBLOCK 0000\n"},
      {c + "action addopen 3 \"f\" O_RDWR|O_RDWR|O_FSYNC|O_RSYNC 00644\n", c + "action addopen 3 \"f\" O_RDWR|O_SYNC 0644\n"},
      {c + "attr flags POSIX_SPAWN_SETSIGMASK|setpgroup | posix_spawn_setsid\n",
       c + "attr flags SETPGROUP|SETSIGMASK|SETSID\n"},
      {c + "attr flags SETSIGMASK|SETPGROUP\n", c + "attr flags SETPGROUP|SETSIGMASK\n"},
      {c + "attr flags 0\n", c + "attr flags\n"},
  };
  for (const auto& r : cases) expect_reads_as(r);
}

TEST(CaseFormat, SignalsByNumberAliasAndAnyCase) {
  const std::string head(kHead), call(kCall);
  const Respelt cases[] = {
      {head + "parent sigmask SIG10\n" + call, head + "parent sigmask SIGUSR1\n" + call},
      {head + "parent sigmask 10\n" + call, head + "parent sigmask SIGUSR1\n" + call},
      {head + "parent sigmask sigusr1\n" + call, head + "parent sigmask SIGUSR1\n" + call},
      {head + "parent sigmask usr1\n" + call, head + "parent sigmask SIGUSR1\n" + call},
      {head + "parent sigmask SIGTERM SIGUSR1\n" + call, head + "parent sigmask SIGUSR1 SIGTERM\n" + call},
      {head +
           "parent sigmask SIGTERM 10 SIG12 sigint usr2 SIGRT3 SIGRTMAX sigrtmax-1 sigrt4 RT5 35 SIGIOT SIGCLD SIGPOLL "
           "SIGUNUSED 09\n" +
           call,
       head +
           "parent sigmask SIGINT SIGABRT SIGKILL SIGUSR1 SIGUSR2 SIGTERM SIGCHLD SIGIO SIGSYS SIGRT3 SIGRT4 SIGRT5 "
           "SIGRT31 SIGRT32\n" +
           call},
      {head + "parent sigign sigint\nparent sigcatch 1 SIGRTMAX-2\n" + call,
       head + "parent sigign SIGINT\nparent sigcatch SIGHUP SIGRT30\n" + call},
      {std::string(kHead) + std::string(kCall) + "attr sigdefault SIGPIPE pipe 13\n",
       std::string(kHead) + std::string(kCall) + "attr sigdefault SIGPIPE\n"},
  };
  for (const auto& r : cases) expect_reads_as(r);
}

TEST(CaseFormat, NumbersModesAndNamesInOtherSpellings) {
  const std::string head(kHead), call(kCall), c = head + call;
  const Respelt cases[] = {
      {head + "parent umask 77\n" + call, head + "parent umask 0077\n" + call},
      {head + "parent umask 0o077\n" + call, head + "parent umask 0077\n" + call},
      {head + "fixture file \"f\" 644 \"\"\nfixture dir \"d\" 0 \nfixture fifo \"q\" 04755\n" + call,
       head + "fixture file \"f\" 0644 \"\"\nfixture dir \"d\" 0000\nfixture fifo \"q\" 4755\n" + call},
      {head + "parent fd 03 open \"f\" O_RDONLY offset 007 cloexec cloexec\n" + call,
       head + "parent fd 3 open \"f\" O_RDONLY cloexec offset 7\n" + call},
      {head + "parent fd 4 pipe-read 05\nparent fd 5 pipe-write 4\n" + call,
       head + "parent fd 4 pipe-read 5\nparent fd 5 pipe-write 4\n" + call},
      {c + "action adddup2 +3 08\naction addclose -01\n", c + "action adddup2 3 8\naction addclose -1\n"},
      {c + "attr pgroup 00\n", c + "attr pgroup 0\n"},
      {c + "attr pgroup -0\n", c + "attr pgroup 0\n"},
      {c + "expect error enoent\n", c + "expect error ENOENT\n"},
      {c + "expect error 00\n", c + "expect error 0\n"},
      {"spawncheck-case 01\n" + std::string(kHead).substr(18) + call, c},
  };
  for (const auto& r : cases) expect_reads_as(r);
}

TEST(CaseFormat, StringsWithCEscapesAndRawBytes) {
  const std::string head(kHead);
  auto with_program = [&](std::string quoted) { return head + "call posix_spawn " + quoted + "\nargv\nenvp\n"; };
  const Respelt cases[] = {
      {with_program("\"p\\x0a\\x41\\x0D\\r\\a\\b\\f\\v\\'\\101\\7\\x7\""),
       with_program("\"p\\nA\\x0d\\x0d\\x07\\x08\\x0c\\x0b'A\\x07\\x07\"")},
      {with_program("\"caf\xc3\xa9\tx\x7f\""), with_program("\"caf\\xc3\\xa9\\tx\\x7f\"")},
      {with_program("\"\\x4a\\x4A\\0121\""), with_program("\"JJ\\n1\"")},
  };
  for (const auto& r : cases) expect_reads_as(r);
  // File contents may hold NUL, raw or escaped.
  expect_reads_as({head + "fixture file \"f\" 0644 \"a\\0b" + '\0' + "c\"\n" + std::string(kCall),
                   head + "fixture file \"f\" 0644 \"a\\x00b\\x00c\"\n" + std::string(kCall)});
}

TEST(CaseFormat, DirectivesInAnyOrderRepeatedOnesInTheirOwn) {
  expect_reads_as({"spawncheck-case 1\nexpect error enoent\nenvp\nargv \"p\"\ncall posix_spawn \"p\"\n"
                   "parent cwd \"x\"\nfixture probe \"p\"\nname t\n",
                   "spawncheck-case 1\nname t\nfixture probe \"p\"\nparent cwd \"x\"\ncall posix_spawn \"p\"\n"
                   "argv \"p\"\nenvp\nexpect error ENOENT\n"});
  // Fixture entries, parent fds and actions keep their order among
  // themselves: it is the order they are created, set up and applied in.
  expect_reads_as({"spawncheck-case 1\nname t\naction addclose 5\nfixture dir \"b\" 0755\nparent fd 4 closed\n"
                   "action addclose 4\nfixture dir \"a\" 0755\nparent fd 3 closed\ncall posix_spawn \"p\"\nargv\nenvp\n",
                   "spawncheck-case 1\nname t\nfixture dir \"b\" 0755\nfixture dir \"a\" 0755\nparent fd 4 closed\n"
                   "parent fd 3 closed\ncall posix_spawn \"p\"\nargv\nenvp\naction addclose 5\naction addclose 4\n"});
}

TEST(CaseFormat, BlanksLineEndingsAndByteOrderMark) {
  const std::string canonical = std::string(kHead) + "call posix_spawn \"p\"\nargv \"p\" \"q r\"\nenvp\n";
  expect_reads_as({"  spawncheck-case   1  \r\n\tname\tt\r\nfixture  probe \"p\"\t\ncall posix_spawn    \"p\"\n"
                   "argv \"p\"   \"q r\"\nenvp",
                   canonical});
  expect_reads_as({"\xef\xbb\xbf" + canonical, canonical});
  expect_reads_as({std::string(kHead) + std::string(kCall) + "\n   \n\t\n",
                   std::string(kHead) + std::string(kCall) + "\n\n\n"});
}

// Comments move with the directive they precede, an end-of-line comment
// becomes a line above its directive, and one above a default that is
// dropped stays where that directive would be.
TEST(CaseFormat, CommentsMoveWithTheirDirective) {
  expect_reads_as({"# about the case\n"
                   "spawncheck-case 1\n"
                   "  # about the call\n"
                   "call posix_spawn \"p\"   # the program\n"
                   "name t\n"
                   "# the default, said\n"
                   "parent umask 0022\n"
                   "fixture probe \"p\"  #  the probe  \n"
                   "argv \"p\" \"#not a comment\"\n"
                   "envp # empty\n"
                   "\n"
                   "# the end\n",
                   "# about the case\n"
                   "spawncheck-case 1\n"
                   "name t\n"
                   "#  the probe\n"
                   "fixture probe \"p\"\n"
                   "# about the call\n"
                   "# the program\n"
                   "# the default, said\n"
                   "call posix_spawn \"p\"\n"
                   "argv \"p\" \"#not a comment\"\n"
                   "# empty\n"
                   "envp\n"
                   "\n"
                   "# the end\n"});
}

// Whatever a case prints as, it reads back the same when respelt the way
// the tests above do one at a time: lines in any order (each kind of
// repeated directive in its own), blanks, CRLF, names in other cases and
// forms, flags shuffled, modes without leading zeros, numbers with them.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (ch == ' ') {
      out.emplace_back();
      continue;
    }
    out.back() += ch;
    if (ch != '"') continue;
    for (++i; i < line.size() && line[i] != '"'; ++i) {
      out.back() += line[i];
      if (line[i] == '\\') out.back() += line[++i];
    }
    out.back() += '"';
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  return s;
}

std::string respell(const std::string& f, std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (f.empty() || f[0] == '"') return f;
  if (auto n = signal_named(f)) {
    switch (pick(5)) {
      case 0: return std::to_string(*n);
      case 1: return lower(f);
      case 2: return f.substr(3);
      case 3: return "SIG" + std::to_string(*n);
      default: return f;
    }
  }
  std::vector<std::string> parts;
  for (std::size_t off = 0; off <= f.size();) {
    auto end = std::min(f.find('|', off), f.size());
    parts.push_back(f.substr(off, end - off));
    off = end + 1;
  }
  bool oflags = std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return oflag_named(p).has_value(); });
  bool attrs = std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return attrflag_named(p).has_value(); });
  if (oflags || attrs) {
    if (oflags && parts.size() > 1 && parts[0] == "O_RDONLY" && pick(2)) parts.erase(parts.begin());
    std::shuffle(parts.begin(), parts.end(), rng);
    std::string out;
    for (auto p : parts) {
      if (oflags && pick(2)) p = p.substr(2);
      if (attrs && pick(2)) p = "POSIX_SPAWN_" + p;
      if (pick(2)) p = lower(p);
      out += (out.empty() ? "" : pick(2) ? "|" : " | ") + p;
    }
    return out;
  }
  if (std::any_of(kAllErrnos.begin(), kAllErrnos.end(), [&](std::string_view e) { return e == f; }))
    return pick(2) ? lower(f) : f;
  auto octal = [](char d) { return d >= '0' && d <= '7'; };
  if (f.size() == 4 && f[0] == '0' && std::all_of(f.begin(), f.end(), octal))  // a mode
    return pick(2) ? f.substr(std::min(f.find_first_not_of('0'), std::size_t{3})) : "0o" + f;
  if (f.size() == 1 && octal(f[0])) return pick(2) ? "0" + f : f;
  return f;
}

std::string respell_case(const std::string& canonical, std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::vector<std::string> lines;
  std::istringstream in(canonical);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  // Each kind of directive a queue; interleave them at random.
  std::vector<std::pair<std::string, std::vector<std::string>>> kinds;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto f = fields_of(lines[i]);
    auto key = f[0] == "parent" || f[0] == "attr" || f[0] == "expect" ? f[0] + " " + f[1] : f[0];
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == key; });
    if (it == kinds.end()) it = kinds.insert(kinds.end(), {key, {}});
    it->second.push_back(lines[i]);
  }
  std::vector<std::string> order{lines[0]};
  while (!kinds.empty()) {
    auto k = static_cast<std::size_t>(pick(static_cast<int>(kinds.size())));
    order.push_back(kinds[k].second.front());
    kinds[k].second.erase(kinds[k].second.begin());
    if (kinds[k].second.empty()) kinds.erase(kinds.begin() + static_cast<std::ptrdiff_t>(k));
  }
  const std::string blanks[] = {" ", "  ", "\t", " \t "};
  std::string out;
  for (const auto& line : order) {
    auto f = fields_of(line);
    out += pick(4) == 0 ? blanks[pick(4)] : "";
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (i) out += pick(3) == 0 ? blanks[pick(4)] : " ";
      out += f[0] == "name" ? f[i] : respell(f[i], rng);
    }
    out += pick(4) == 0 ? blanks[pick(4)] : "";
    out += pick(4) == 0 ? "\r\n" : "\n";
  }
  return out;
}

TEST(CaseFormat, RespeltRandomCasesReadTheSame) {
  std::mt19937 rng(20240917);
  for (int i = 0; i < 2000; ++i) {
    auto c = random_case(rng);
    c.trivia.clear();
    auto canonical = print_case(c);
    auto text = respell_case(canonical, rng);
    SCOPED_TRACE(i);
    auto r = parse_case(text, "t.case");
    ASSERT_TRUE(r) << r.error << "\n" << text;
    EXPECT_EQ(*r.value, c) << text;
    EXPECT_EQ(print_case(*r.value), canonical) << text;
  }
}

// ---- what stays refused --------------------------------------------------------

struct Malformed {
  std::string text;
  std::string error;
};

TEST(CaseFormat, ErrorsSayWhereAndWhatWasExpected) {
  const std::string head(kHead), call(kCall);
  std::string errnos = "0";
  for (auto e : kAllErrnos) errnos += " " + std::string(e);
  std::string oflags;
  for (auto f : kAllOFlags) oflags += (oflags.empty() ? "" : " ") + std::string(f);
  const std::string signal = "a signal: a name (SIGHUP..SIGSYS, SIGRT3..SIGRT32, SIGRTMAX-<n>) or a number (1..31, 35..64)";
  const std::string reserved = "a signal other than 32..34 (the libc reserves them)";
  const Malformed cases[] = {
      {"", "t.case:1:1: expected the `spawncheck-case 1` line, got end of file"},
      {"name x\n", "t.case:1:1: expected `spawncheck-case 1` as the first line that is not a comment, got `name`"},
      {"# c\n  name t\n", "t.case:2:3: expected `spawncheck-case 1` as the first line that is not a comment, got `name`"},
      {"spawncheck-case 2\n", "t.case:1:17: expected format version 1 (the only one this spawncheck reads), got `2`"},
      {"spawncheck-case 1\nname Bad\n", "t.case:2:6: expected a name of characters a-z 0-9 . _ -, got `B`"},
      {head + call + "action addopen 3 \"f\" O_RDONLY|O_WRONLY 0644\n",
       "t.case:7:22: expected one access mode (O_RDONLY, O_WRONLY or O_RDWR), got `O_RDONLY|O_WRONLY`"},
      {head + call + "action addopen 3 \"f\" O_WRONLY|O_CRAT 0644\n",
       "t.case:7:31: expected open flags: one of " + oflags + ", got `O_CRAT`"},
      {head + call + "action addopen 3 \"f\" O_RDONLY |\n",
       "t.case:7:32: expected open flags: one of " + oflags + ", got end of line"},
      {head + call + "action addopen 3 \"f\" O_RDONLY||O_CREAT 0644\n",
       "t.case:7:31: expected open flags: one of " + oflags + ", got an empty name"},
      {head + call + "action addopen 3 \"f\" O_RDONLY 0648\n",
       "t.case:7:31: expected a mode in octal (digits 0-7, as chmod reads it: 644, 0644, 0o644), got `0648`"},
      {head + call + "action addopen 3 \"f\" O_RDONLY 10000\n", "t.case:7:31: expected a mode of at most 7777, got `10000`"},
      {head + "parent umask 1000\n" + call, "t.case:4:14: expected a umask of at most 0777, got `1000`"},
      {head + "parent umask 0x12\n" + call,
       "t.case:4:14: expected a umask in octal (digits 0-7, as chmod reads it: 644, 0644, 0o644), got `0x12`"},
      {head + "parent sigmask SIGRT1\n" + call, "t.case:4:16: expected " + reserved + ", got `SIGRT1`"},
      {head + "parent sigmask 33\n" + call, "t.case:4:16: expected " + reserved + ", got `33`"},
      {head + "parent sigmask SIGINT SIGRTMAX-30\n" + call, "t.case:4:23: expected " + reserved + ", got `SIGRTMAX-30`"},
      {head + "parent sigmask SIGRTMIN+3\n" + call,
       "t.case:4:16: expected a signal named without SIGRTMIN, whose number depends on the libc (glibc 34, musl 35, "
       "the kernel's headers 32): write SIGRT<n> for signal 32+n, e.g. SIGRT5 for glibc's SIGRTMIN+3, SIGRT6 for "
       "musl's, got `SIGRTMIN+3`"},
      {head + "parent sigmask sigrtmin\n" + call,
       "t.case:4:16: expected a signal named without SIGRTMIN, whose number depends on the libc (glibc 34, musl 35, "
       "the kernel's headers 32): write SIGRT<n> for signal 32+n, e.g. SIGRT2 for glibc's SIGRTMIN+0, SIGRT3 for "
       "musl's, got `sigrtmin`"},
      {head + "parent sigmask SIGFOO\n" + call, "t.case:4:16: expected " + signal + ", got `SIGFOO`"},
      {head + "parent sigmask 65\n" + call, "t.case:4:16: expected " + signal + ", got `65`"},
      {head + "parent sigmask SIGRT33\n" + call, "t.case:4:16: expected " + signal + ", got `SIGRT33`"},
      {head + "parent sigmask SIG010\n" + call,
       "t.case:4:16: expected a signal number without the leading zero (C reads `010` as octal, 8: write 10 or 8), "
       "got `SIG010`"},
      {head + call + "attr flags SETSID|USEVFORK\n",
       "t.case:7:19: expected attribute flags: one of RESETIDS SETPGROUP SETSIGDEF SETSIGMASK SETSID, got `USEVFORK`"},
      {head + "parent fd 4 pipe-read 5\n" + call,
       "t.case:4:23: expected fd 5 to be `parent fd 5 pipe-write 4`, got no such parent fd"},
      {head + "parent fd 4 pipe-read 5\nparent fd 5 pipe-read 4\n" + call,
       "t.case:4:23: expected fd 5 to be `parent fd 5 pipe-write 4`, got `parent fd 5 pipe-read 4` on line 5"},
      {head + "parent fd 4 closed\nparent fd 4 closed\n" + call,
       "t.case:5:11: expected a descriptor not set up before (fd 4 is on line 4), got `4`"},
      {head + "parent fd 0 closed cloexec\n" + call,
       "t.case:4:20: expected end of line (a closed fd has no options), got `cloexec`"},
      {head + "parent fd 4 pipe-read 5 offset 3\nparent fd 5 pipe-write 4\n" + call,
       "t.case:4:25: expected `cloexec` or end of line, got `offset`"},
      {head + "parent fd 3 open \"f\" O_RDONLY offset 1 offset 2\n" + call,
       "t.case:4:40: expected at most one `offset`, got another"},
      {head + "parent fd 3 open \"f\" O_RDONLY offset\n" + call, "t.case:4:37: expected an offset, got end of line"},
      {head + "call posix_spawn \"p\"\nenvp\n", "t.case:6:1: expected the `argv` line, got end of file"},
      {head + call + "argv \"p\"\n", "t.case:7:1: expected at most one `argv` line (the first is line 5), got another"},
      {head + "parent sigmask SIGINT\nparent sigmask SIGTERM\n" + call,
       "t.case:5:1: expected at most one `parent sigmask` line (the first is line 4), got another"},
      {head + "parent\n" + call,
       "t.case:4:7: expected one of `parent cwd`, `parent umask`, `parent fd`, `parent sigmask`, `parent sigign`, "
       "`parent sigcatch`, `parent env`, got end of line"},
      {head + "call posix_spawn \"p\\q\"\nargv\nenvp\n",
       "t.case:4:20: expected an escape (\\\\ \\\" \\' \\n \\t \\r \\a \\b \\f \\v, \\xHH or \\ and octal digits), got `\\q`"},
      {head + "call posix_spawn \"p\\400\"\nargv\nenvp\n", "t.case:4:20: expected an octal escape of at most \\377, got `\\400`"},
      {head + "call posix_spawn \"p\\xg\"\nargv\nenvp\n", "t.case:4:20: expected \\x and one or two hex digits, got `\\xg`"},
      {head + "call posix_spawn \"p\nargv\nenvp\n", "t.case:4:20: expected a closing `\"`, got end of line"},
      {head + "call posix_spawn \"p\"\"q\"\nargv\nenvp\n", "t.case:4:21: expected end of line, got `\"q\"`"},
      {head + "call posix_spawn p\nargv\nenvp\n", "t.case:4:18: expected the quoted program path, got `p`"},
      {head + "call posix_spawn \"p\"\nargv\nenvp inherit \"A=1\"\n", "t.case:6:14: expected end of line, got `\"A=1\"`"},
      {head + call + "expect error ENOENTX\n", "t.case:7:14: expected 0 or an errno name: " + errnos + ", got `ENOENTX`"},
      {head + call + "expect error 2\n",
       "t.case:7:14: expected 0 or an errno name, not a number (errno values differ between architectures), got `2`"},
      {head + call + "action addfoo 3\n",
       "t.case:7:8: expected an action: addopen addclose adddup2 addchdir addfchdir addclosefrom, got `addfoo`"},
      {head + call + "action adddup2 3 010\n",
       "t.case:7:18: expected a file descriptor without the leading zero (C reads `010` as octal, 8: write 10 or 8), "
       "got `010`"},
      {head + call + "action adddup2 3 1048576\n", "t.case:7:18: expected a file descriptor in -1..1048575, got `1048576`"},
      {head + call + "action adddup2 3\n", "t.case:7:17: expected a file descriptor, got end of line"},
      {head + call + "action adddup2 3 x\n", "t.case:7:18: expected a file descriptor, got `x`"},
      {head + call + "action adddup2 3 4 # c\n" + "action adddup2 3 4 5\n", "t.case:8:20: expected end of line, got `5`"},
      {head + call + "attr pgroup callr\n", "t.case:7:13: expected `caller` or a process group id, got `callr`"},
      {head + call + "attr pgroup 2147483648\n",
       "t.case:7:13: expected a process group id in -2147483647..2147483647, got `2147483648`"},
      {head + "fixture script \"s\" 0755 bang \"\"\n" + call, "t.case:4:25: expected `shebang` or `noshebang`, got `bang`"},
      {"spawncheck-case 1\nname t\ncall posix_spawn \"p\"\nargv\n", "t.case:5:1: expected the `envp` line, got end of file"},
      {head + "call posix_spawn \"p\"\nargv \"a\\x00b\"\nenvp\n",
       "t.case:5:8: expected a byte other than NUL (paths, argv and environment entries are C strings), got `\\x00`"},
      {head + "call posix_spawn \"p\"\nargv \"a\\0b\"\nenvp\n",
       "t.case:5:8: expected a byte other than NUL (paths, argv and environment entries are C strings), got `\\0`"},
      {head + "parent sigign SIGINT SIGKILL\n" + call,
       "t.case:4:15: expected signals that can be ignored or caught (not SIGKILL or SIGSTOP), got `SIGKILL`"},
      {head + "parent sigign SIGINT SIGTERM\nparent sigcatch SIGHUP SIGTERM\n" + call,
       "t.case:5:17: expected signals that `parent sigign` (line 4) does not ignore (a signal is ignored or caught, "
       "not both), got `SIGTERM`"},
      {head + "parent sigcatch  15\nparent sigign SIGINT SIGTERM\n" + call,
       "t.case:4:18: expected signals that `parent sigign` (line 5) does not ignore (a signal is ignored or caught, "
       "not both), got `SIGTERM`"},
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

// docs/case-format.md opens with a hand-written case and what fmt prints
// for it, side by side: they must agree.
TEST(CaseFormat, TheDocumentedExampleIsWhatFmtPrints) {
  auto path = std::filesystem::path(SPAWNCHECK_CORPUS_DIR).parent_path() / "docs" / "case-format.md";
  std::ifstream in(path, std::ios::binary);
  std::stringstream doc;
  doc << in.rdbuf();
  auto text = doc.str();
  auto unescaped = [](std::string s) {
    for (auto [entity, ch] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
      for (std::size_t at; (at = s.find(entity)) != std::string::npos;) s.replace(at, std::string_view(entity).size(), ch);
    return s;
  };
  std::vector<std::string> cells;
  constexpr std::string_view kOpen = "<td><pre>\n", kClose = "</pre></td>";
  for (std::size_t at = 0; (at = text.find(kOpen, at)) != std::string::npos;) {
    auto end = text.find(kClose, at);
    ASSERT_NE(end, std::string::npos);
    cells.push_back(unescaped(text.substr(at + kOpen.size(), end - at - kOpen.size())));
    at = end;
  }
  ASSERT_EQ(cells.size(), 2u) << path;
  expect_reads_as({cells[0], cells[1]});
  EXPECT_NE(cells[0], cells[1]) << "the example shows no other spelling";
}

}  // namespace
}  // namespace sc
