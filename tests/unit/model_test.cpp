// model_test.cpp — the model's rules, one small case each.
#include "model.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "case_build.h"
#include "judge.h"
#include "model_common.h"

namespace sc {
namespace {

using mdl::kCloExec, mdl::kCreat, mdl::kDirectory, mdl::kExcl, mdl::kNoFollow, mdl::kNonBlock, mdl::kRdOnly, mdl::kRdWr,
    mdl::kTrunc, mdl::kWrOnly;
constexpr OFlags kAppend = oflag("O_APPEND");
using K = FixtureEntry::Kind;

const std::string kProbe = "/tmp/spawncheck.T/sc/probe";

FixtureEntry entry(K kind, Path path, std::uint32_t mode = 0644) {
  FixtureEntry e;
  e.kind = kind;
  e.path = std::move(path);
  e.mode = mode;
  return e;
}
FixtureEntry file(Path p, std::uint32_t mode = 0644, std::string content = "data") {
  auto e = entry(K::File, std::move(p), mode);
  e.content = std::move(content);
  return e;
}
FixtureEntry dir(Path p, std::uint32_t mode = 0755) { return entry(K::Dir, std::move(p), mode); }
FixtureEntry fifo(Path p) { return entry(K::Fifo, std::move(p)); }
FixtureEntry probe(Path p) { return entry(K::Probe, std::move(p), 0755); }
FixtureEntry symlink(Path p, Path target) {
  auto e = entry(K::Symlink, std::move(p));
  e.target = std::move(target);
  return e;
}
FixtureEntry script(Path p, bool shebang, std::uint32_t mode = 0755) {
  auto e = entry(K::Script, std::move(p), mode);
  e.shebang = shebang;
  e.content = "body\n";
  return e;
}

Action act(Op op, int fd = -1, int newfd = -1, Path path = {}, OFlags flags = 0, std::uint32_t mode = 0644) {
  Action a;
  a.op = op;
  a.fd = fd;
  a.newfd = newfd;
  a.path = std::move(path);
  a.oflags = flags;
  a.mode = mode;
  return a;
}
Action addopen(int fd, Path p, OFlags f, std::uint32_t mode = 0644) { return act(Op::ADDOPEN, fd, -1, std::move(p), f, mode); }
Action addclose(int fd) { return act(Op::ADDCLOSE, fd); }
Action adddup2(int fd, int newfd) { return act(Op::ADDDUP2, fd, newfd); }
Action addchdir(Path p) { return act(Op::ADDCHDIR, -1, -1, std::move(p)); }
Action addfchdir(int fd) { return act(Op::ADDFCHDIR, fd); }
Action addclosefrom(int fd) { return act(Op::ADDCLOSEFROM, fd); }


// A case that runs the probe through the fixture entry "prog".
Case base() {
  Case c;
  c.name = "t";
  c.fixture = {probe("prog"), file("data.txt"), dir("sub")};
  c.program = "prog";
  c.argv = {"prog", "a1"};
  c.envp = {"K=V"};
  return c;
}

ModelEnv env(Expectation libc = Expectation::Glibc) {
  ModelEnv e;
  e.probe_path = kProbe;
  e.arg_max = 2u << 20;
  e.nofile = 1024;
  e.expect = libc;
  return e;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// The prediction, which must be a prediction.
Prediction run(const Case& c, const ModelEnv& e = env()) {
  auto p = predict(c, e);
  EXPECT_EQ(p.unpredictable, "") << joined(p.trace);
  return p;
}
std::string error_of(const Case& c, const ModelEnv& e = env()) { return run(c, e).outcome().error; }
ChildState child_of(const Case& c, const ModelEnv& e = env()) {
  auto p = run(c, e);
  EXPECT_EQ(p.outcome().error, "0") << joined(p.trace);
  if (!p.outcome().child) {
    ADD_FAILURE() << "no child";
    return {};
  }
  return *p.outcome().child;
}

// ---- exec ------------------------------------------------------------------

TEST(ModelExec, PlainSpawnRunsTheProbeWithTheCallersState) {
  auto c = base();
  c.umask = 027;
  auto ch = child_of(c);
  EXPECT_EQ(ch.argv, (std::vector<std::string>{"prog", "a1"}));
  EXPECT_EQ(ch.envp, std::vector<std::string>{"K=V"});
  EXPECT_EQ(ch.cwd, ".");
  EXPECT_TRUE(ch.fds.empty());
  EXPECT_EQ(ch.umask, 027u);
  EXPECT_TRUE(ch.pgid_is_parent_pgid);
  EXPECT_FALSE(ch.pgid_is_self);
  EXPECT_FALSE(ch.sid_is_self);
}

TEST(ModelExec, EnvInheritPassesTheCallersEnviron) {
  auto c = base();
  c.parent_env = {"PATH=.", "A=1"};
  c.env_inherit = true;
  EXPECT_EQ(child_of(c).envp, c.parent_env);
}

TEST(ModelExec, ResolutionErrors) {
  auto c = base();
  c.fixture.push_back(symlink("loop1", "loop2"));
  c.fixture.push_back(symlink("loop2", "loop1"));
  c.program = "missing";
  EXPECT_EQ(error_of(c), "ENOENT");
  c.program = "";
  EXPECT_EQ(error_of(c), "ENOENT");
  c.program = "data.txt/prog";
  EXPECT_EQ(error_of(c), "ENOTDIR");
  c.program = "loop1";
  EXPECT_EQ(error_of(c), "ELOOP");
  c.program = std::string(256, 'n');
  EXPECT_EQ(error_of(c), "ENAMETOOLONG");
  c.program = "missing/" + std::string(256, 'n');  // the walk stops at "missing" first
  EXPECT_EQ(error_of(c), "ENOENT");
  std::string longpath;
  while (longpath.size() < 4096) longpath += "./";
  c.program = longpath + "prog";
  EXPECT_EQ(error_of(c), "ENAMETOOLONG");
}

TEST(ModelExec, FortySymlinksResolveFortyOneDoNot) {
  auto c = base();
  c.fixture.push_back(symlink("l0", "prog"));
  for (int i = 1; i <= 40; ++i) c.fixture.push_back(symlink("l" + std::to_string(i), "l" + std::to_string(i - 1)));
  // A probe entry is itself a symlink (to sc/probe), so l38 takes 40 links.
  c.program = "l38";
  EXPECT_EQ(error_of(c), "0");
  c.program = "l39";
  EXPECT_EQ(error_of(c), "ELOOP");
}

TEST(ModelExec, NotExecutableIsEaccesEvenForRoot) {
  auto c = base();
  c.fixture.push_back(file("plain", 0644));
  c.fixture.push_back(fifo("pipe"));
  c.program = "plain";
  EXPECT_EQ(error_of(c), "EACCES");
  c.program = "sub";
  EXPECT_EQ(error_of(c), "EACCES");
  c.program = "sub/";
  EXPECT_EQ(error_of(c), "EACCES");
  c.program = "pipe";
  EXPECT_EQ(error_of(c), "EACCES");
}

TEST(ModelExec, ExecutableWithoutFormatIsEnoexec) {
  auto c = base();
  c.fixture.push_back(file("other-x", 0001));  // one x bit is enough for root
  c.fixture.push_back(script("noshebang", false));
  c.program = "other-x";
  EXPECT_EQ(error_of(c), "ENOEXEC");
  c.program = "noshebang";
  EXPECT_EQ(error_of(c), "ENOEXEC");
}

TEST(ModelExec, ScriptRunsTheProbeWithThePathAsPassed) {
  auto c = base();
  c.fixture.push_back(script("sub/scr", true));
  c.program = "sub/scr";
  c.argv = {"ignored", "a1", "a2"};
  EXPECT_EQ(child_of(c).argv, (std::vector<std::string>{std::string(kProbeLabel), "sub/scr", "a1", "a2"}));
  c.argv = {};
  EXPECT_EQ(child_of(c).argv, (std::vector<std::string>{std::string(kProbeLabel), "sub/scr"}));
}

TEST(ModelExec, EmptyArgvGetsAnEmptyArgv0) {
  auto c = base();
  c.argv = {};
  EXPECT_EQ(child_of(c).argv, std::vector<std::string>{""});
}

TEST(ModelExec, OpenForWritingIsEtxtbsy) {
  auto c = base();
  c.fixture.push_back(script("scr", true));
  c.program = "scr";
  c.fds = {parent_open(3, "scr", kWrOnly, true)};  // the caller keeps it open even if close-on-exec
  EXPECT_EQ(error_of(c), "ETXTBSY");
  c.fds = {};
  c.actions = {addopen(5, "scr", kRdWr | kCloExec)};  // closed by exec, but only after the check
  EXPECT_EQ(error_of(c), "ETXTBSY");
  c.actions = {addopen(5, "scr", kRdWr), addclose(5)};
  EXPECT_EQ(error_of(c), "0");
  c.actions = {addopen(5, "scr", kRdOnly)};
  EXPECT_EQ(error_of(c), "0");
}

TEST(ModelExec, TruncatedScriptIsEnoexec) {
  auto c = base();
  c.fixture.push_back(script("scr", true));
  c.program = "scr";
  c.actions = {addopen(3, "scr", kRdOnly | kTrunc), addclose(3)};
  EXPECT_EQ(error_of(c), "ENOEXEC");
}

TEST(ModelExec, ArgumentSizeLimit) {
  auto c = base();
  c.argv = {"prog", std::string(131072, 'x')};  // MAX_ARG_STRLEN counts the NUL
  EXPECT_EQ(error_of(c), "E2BIG");
  c.argv = {"prog", std::string(131071, 'x')};
  EXPECT_EQ(error_of(c), "0");
  c.argv.assign(30, std::string(100000, 'y'));  // 3 MB > 2 MiB
  EXPECT_EQ(error_of(c), "E2BIG");
  c.argv.assign(20, std::string(100000, 'y'));  // 2.0 MB: < 2 MiB by ~97 KB
  EXPECT_EQ(error_of(c), "0");
  // At the boundary the model declines to guess.
  const std::size_t fixed = (4 + 1) + (3 + 1) + 8 * (21 + 1);  // "prog", "K=V", pointers
  c.argv.assign(20, std::string(100000, 'y'));
  c.argv.push_back(std::string((2u << 20) - fixed - 20 * 100001 - 1, 'z'));
  EXPECT_NE(predict(c, env()).unpredictable, "");
}

TEST(ModelExec, MissingFileWinsOverE2big) {
  auto c = base();
  c.program = "missing";
  c.argv.assign(30, std::string(100000, 'y'));
  EXPECT_EQ(error_of(c), "ENOENT");  // Linux >= 6.8 opens the file first
}

// ---- parent fds ------------------------------------------------------------

TEST(ModelFds, InheritedFdsKeepIdentityFlagsAndOffset) {
  auto c = base();
  c.fixture.push_back(symlink("link", "sub/../data.txt"));
  c.fds = {parent_open(3, "link", kRdWr | kAppend | kNonBlock, false, 5), parent_open(4, "sub", kRdOnly),
           parent_open(6, "data.txt", kRdOnly, true), parent_open(7, "data.txt", kRdOnly | kCloExec)};
  auto ch = child_of(c);
  ASSERT_EQ(ch.fds.size(), 2u);
  EXPECT_EQ(ch.fds[3], (FdState{"path:data.txt", "reg", kRdWr | kAppend | kNonBlock, false, 5}));
  EXPECT_EQ(ch.fds[4], (FdState{"path:sub", "dir", kRdOnly, false, std::nullopt}));
}

TEST(ModelFds, PipeEndsAreNamedByTheReadEnd) {
  auto c = base();
  c.fds = {pipe_end(5, 8, true), pipe_end(8, 5, false)};
  auto ch = child_of(c);
  EXPECT_EQ(ch.fds[5], (FdState{"pipe:5", "fifo", kRdOnly, false, std::nullopt}));
  EXPECT_EQ(ch.fds[8], (FdState{"pipe:5", "fifo", kWrOnly, false, std::nullopt}));
}

TEST(ModelFds, MismatchedPipePeersAreInvalid) {
  auto c = base();
  c.fds = {pipe_end(5, 8, true), pipe_end(8, 6, false)};
  EXPECT_NE(validate(c), "");
  EXPECT_NE(predict(c, env()).unpredictable, "");
  c.fds = {parent_open(3, "data.txt", kRdOnly), parent_open(3, "data.txt", kRdOnly)};
  EXPECT_NE(validate(c), "");
}

// ---- file actions ----------------------------------------------------------

TEST(ModelActions, Dup2SwapThroughATemporaryFd) {
  auto c = base();
  c.fixture.push_back(file("a"));
  c.fixture.push_back(file("b"));
  c.fds = {parent_open(3, "a", kRdOnly), parent_open(4, "b", kWrOnly)};
  c.actions = {adddup2(3, 9), adddup2(4, 3), adddup2(9, 4), addclose(9)};
  auto ch = child_of(c);
  ASSERT_EQ(ch.fds.size(), 2u);
  EXPECT_EQ(ch.fds[3].identity, "path:b");
  EXPECT_EQ(ch.fds[3].flags, kWrOnly);
  EXPECT_EQ(ch.fds[4].identity, "path:a");
}

TEST(ModelActions, Dup2OfAFdOntoItselfClearsCloexec) {
  auto c = base();
  c.fds = {parent_open(3, "data.txt", kRdOnly, true)};
  EXPECT_TRUE(child_of(c).fds.empty());
  c.actions = {adddup2(3, 3)};
  EXPECT_EQ(child_of(c).fds.count(3), 1u);
}

TEST(ModelActions, Dup2OfAClosedFdIsEbadf) {
  auto c = base();
  c.actions = {adddup2(7, 8)};
  EXPECT_EQ(error_of(c), "EBADF");
  c.actions = {adddup2(7, 7)};
  EXPECT_EQ(error_of(c), "EBADF");
}

TEST(ModelActions, AddopenOnTheLowestFreeFdKeepsCloexec) {
  auto c = base();
  c.fds = {parent_open(0, "data.txt", kRdOnly), parent_open(1, "data.txt", kWrOnly), parent_open(2, "data.txt", kWrOnly)};
  c.actions = {addopen(3, "data.txt", kRdOnly | kCloExec)};
  EXPECT_EQ(child_of(c).fds.count(3), 0u);  // opened as 3 with FD_CLOEXEC: closed by exec
  c.actions = {addopen(5, "data.txt", kRdOnly | kCloExec)};
  auto ch = child_of(c);  // opened as 3, dup2'd to 5: FD_CLOEXEC lost
  EXPECT_EQ(ch.fds.count(3), 0u);
  ASSERT_EQ(ch.fds.count(5), 1u);
  EXPECT_EQ(ch.fds[5], (FdState{"path:data.txt", "reg", kRdOnly, false, 0}));
}

TEST(ModelActions, AddopenOntoAnOpenFdDiffersBetweenGlibcAndMusl) {
  auto c = base();
  c.fds = {parent_open(0, "data.txt", kRdOnly), parent_open(1, "data.txt", kWrOnly), parent_open(2, "data.txt", kWrOnly)};
  c.actions = {addopen(1, "sub", kRdOnly | kCloExec)};
  // glibc closes fd 1 first, so the open lands on it and keeps O_CLOEXEC.
  EXPECT_EQ(child_of(c).fds.count(1), 0u);
  EXPECT_EQ(child_of(c, env(Expectation::Refcore)).fds.count(1), 0u);
  // musl opens first (fd 3 is its error pipe's read end, closed: lowest
  // free), then dup2s onto 1.
  auto ch = child_of(c, env(Expectation::Musl));
  ASSERT_EQ(ch.fds.count(1), 1u);
  EXPECT_EQ(ch.fds[1].identity, "path:sub");
}

TEST(ModelActions, MuslErrorPipeShiftsTheLowestFreeFd) {
  auto c = base();
  c.fds = {parent_open(0, "data.txt", kRdOnly), parent_open(1, "data.txt", kWrOnly), parent_open(2, "data.txt", kWrOnly),
           parent_open(3, "data.txt", kRdOnly)};
  c.actions = {addopen(5, "data.txt", kRdOnly | kCloExec)};
  // glibc: open gets 4, dup2 to 5 loses FD_CLOEXEC.
  EXPECT_EQ(child_of(c).fds.count(5), 1u);
  // musl: its pipe holds 4 (closed in the child) and 5; the action moves the
  // write end to 4, the open gets 5 itself and keeps FD_CLOEXEC.
  EXPECT_EQ(child_of(c, env(Expectation::Musl)).fds.count(5), 0u);
}

TEST(ModelActions, CloseOfAFdThatIsNotOpenIsNotAnError) {
  auto c = base();
  c.actions = {addclose(9)};
  EXPECT_EQ(error_of(c), "0");
}

TEST(ModelActions, ClosefromClosesEverythingFromItsFd) {
  auto c = base();
  c.fds = {parent_open(0, "data.txt", kRdOnly), parent_open(2, "data.txt", kWrOnly), parent_open(3, "data.txt", kRdOnly),
           parent_open(10, "sub", kRdOnly)};
  c.actions = {addclosefrom(2), addopen(7, "data.txt", kRdOnly)};
  auto ch = child_of(c);
  EXPECT_EQ(ch.fds.size(), 2u);
  EXPECT_EQ(ch.fds.count(0), 1u);
  EXPECT_EQ(ch.fds.count(7), 1u);
}

TEST(ModelActions, ChdirThenRelativeOpen) {
  auto c = base();
  c.fixture.push_back(file("sub/x"));
  c.actions = {addchdir("sub"), addopen(3, "x", kRdOnly), addopen(4, "new", kWrOnly | kCreat, 0666)};
  c.program = "../prog";
  auto ch = child_of(c);
  EXPECT_EQ(ch.cwd, "sub");
  EXPECT_EQ(ch.fds[3].identity, "path:sub/x");
  EXPECT_EQ(ch.fds[4], (FdState{"path:sub/new", "reg", kWrOnly, false, 0}));
}

TEST(ModelActions, RelativeProgramIsFoundFromTheNewCwd) {
  auto c = base();
  c.fixture.push_back(probe("sub/tool"));
  c.program = "tool";
  EXPECT_EQ(error_of(c), "ENOENT");
  c.actions = {addchdir("sub")};
  EXPECT_EQ(error_of(c), "0");
}

TEST(ModelActions, ChdirErrors) {
  auto c = base();
  c.actions = {addchdir("data.txt")};
  EXPECT_EQ(error_of(c), "ENOTDIR");
  c.actions = {addchdir("nowhere")};
  EXPECT_EQ(error_of(c), "ENOENT");
}

TEST(ModelActions, Fchdir) {
  auto c = base();
  c.fds = {parent_open(3, "sub", kRdOnly | kDirectory), parent_open(4, "data.txt", kRdOnly), pipe_end(5, 6, true),
           pipe_end(6, 5, false)};
  c.actions = {addfchdir(3)};
  c.program = "../prog";
  EXPECT_EQ(child_of(c).cwd, "sub");
  c.actions = {addfchdir(9)};
  EXPECT_EQ(error_of(c), "EBADF");
  c.actions = {addfchdir(4)};
  EXPECT_EQ(error_of(c), "ENOTDIR");
  c.actions = {addfchdir(5)};
  EXPECT_EQ(error_of(c), "ENOTDIR");
}

TEST(ModelActions, OpenErrors) {
  auto c = base();
  c.fixture.push_back(symlink("link", "data.txt"));
  c.fixture.push_back(fifo("ff"));
  auto with = [&](Action a) {
    c.actions = {std::move(a)};
    return error_of(c);
  };
  EXPECT_EQ(with(addopen(3, "missing", kRdOnly)), "ENOENT");
  EXPECT_EQ(with(addopen(3, "data.txt", kWrOnly | kCreat | kExcl)), "EEXIST");
  EXPECT_EQ(with(addopen(3, "data.txt", kRdOnly | kDirectory)), "ENOTDIR");
  EXPECT_EQ(with(addopen(3, "link", kRdOnly | kNoFollow)), "ELOOP");
  EXPECT_EQ(with(addopen(3, "sub", kWrOnly)), "EISDIR");
  EXPECT_EQ(with(addopen(3, "sub", kRdOnly | kTrunc)), "EISDIR");
  EXPECT_EQ(with(addopen(3, "new/", kWrOnly | kCreat)), "EISDIR");
  EXPECT_EQ(with(addopen(3, "new", kRdOnly | kCreat | kDirectory)), "EINVAL");
  EXPECT_EQ(with(addopen(3, "ff", kWrOnly | kNonBlock)), "ENXIO");
  EXPECT_EQ(with(addopen(3, "ff", kRdOnly | kNonBlock)), "0");
  EXPECT_EQ(with(addopen(3, "ff", kRdWr)), "0");
}

TEST(ModelActions, BlockingFifoOpenIsUnpredictableUnlessAPeerExists) {
  auto c = base();
  c.fixture.push_back(fifo("ff"));
  c.actions = {addopen(3, "ff", kWrOnly)};
  EXPECT_NE(predict(c, env()).unpredictable, "");
  c.fds = {parent_open(4, "ff", kRdOnly | kNonBlock)};  // the caller holds a reader
  auto ch = child_of(c);
  EXPECT_EQ(ch.fds[3], (FdState{"path:ff", "fifo", kWrOnly, false, std::nullopt}));
}

TEST(ModelActions, CreateThroughADanglingSymlinkAppliesTheUmask) {
  auto c = base();
  c.fixture.push_back(symlink("sub/dangling", "made"));
  c.fixture.push_back(script("scr", true));
  c.umask = 077;
  c.actions = {addopen(3, "sub/dangling", kWrOnly | kCreat, 0755), addclose(3), addopen(3, "sub/made", kRdOnly)};
  EXPECT_EQ(child_of(c).fds[3].identity, "path:sub/made");
}

TEST(ModelActions, OpeningAProbeEntryNamesItByTheShortestEntry) {
  auto c = base();
  c.fixture.push_back(probe("sub/p2"));
  c.actions = {addopen(3, "sub/p2", kRdOnly)};
  EXPECT_EQ(child_of(c).fds[3], (FdState{"path:prog", "reg", kRdOnly, false, 0}));
}

// ---- add-time checks -------------------------------------------------------

TEST(ModelAddTime, FdsOutOfRange) {
  auto c = base();
  c.actions = {addopen(3, "missing", kRdOnly), addclose(5000)};
  EXPECT_EQ(error_of(c), "EBADF");                                  // glibc refuses addclose(5000) when added
  EXPECT_EQ(error_of(c, env(Expectation::Musl)), "ENOENT");     // musl accepts it; the open fails first
  c.actions = {addclose(5000)};
  EXPECT_EQ(error_of(c, env(Expectation::Musl)), "0");          // and ignores the close
  c.actions = {adddup2(0, 5000)};
  c.fds = {parent_open(0, "data.txt", kRdOnly)};
  EXPECT_EQ(error_of(c, env(Expectation::Musl)), "EBADF");      // dup2 fails at spawn time
  c.actions = {addclose(-1)};
  EXPECT_EQ(error_of(c, env(Expectation::Musl)), "EBADF");
  c.actions = {addopen(3, "missing", kRdOnly), addfchdir(-1)};
  EXPECT_EQ(error_of(c), "ENOENT");  // glibc's addfchdir_np checks nothing
}

// ---- posix_spawnp ----------------------------------------------------------

TEST(ModelSpawnp, PathOrderRemembersEacces) {
  auto c = base();
  c.func = Func::Spawnp;
  c.fixture.push_back(dir("p1"));
  c.fixture.push_back(file("p1/tool", 0644));
  c.fixture.push_back(dir("p2"));
  c.fixture.push_back(probe("p2/tool"));
  c.program = "tool";
  c.parent_env = {"PATH=p0:p1:p2"};
  EXPECT_EQ(error_of(c), "0");
  c.parent_env = {"PATH=p0:p1:data.txt"};
  EXPECT_EQ(error_of(c), "EACCES");
  c.parent_env = {"PATH=p0:data.txt"};
  EXPECT_EQ(error_of(c), "ENOTDIR");  // the last error when no EACCES was seen
}

TEST(ModelSpawnp, EnoexecEndsTheSearch) {
  auto c = base();
  c.func = Func::Spawnp;
  c.fixture.push_back(dir("p1"));
  c.fixture.push_back(file("p1/tool", 0755));
  c.fixture.push_back(dir("p2"));
  c.fixture.push_back(probe("p2/tool"));
  c.program = "tool";
  c.parent_env = {"PATH=p1:p2"};
  EXPECT_EQ(error_of(c), "ENOEXEC");
}

TEST(ModelSpawnp, SlashEmptyElementAndAbsoluteEntries) {
  auto c = base();
  c.func = Func::Spawnp;
  c.fixture.push_back(script("sub/scr", true));
  c.parent_env = {"PATH=/usr/bin:"};
  c.program = "prog";  // "" means the cwd; the file name is passed alone
  EXPECT_EQ(error_of(c), "0");
  c.program = "scr";
  c.actions = {addchdir("sub")};
  EXPECT_EQ(child_of(c).argv[1], "scr");
  c.actions = {};
  c.program = "sub/scr";  // a '/' means no search
  c.parent_env = {"PATH=/usr/bin"};
  EXPECT_EQ(child_of(c).argv[1], "sub/scr");
  c.program = "prog";
  EXPECT_EQ(error_of(c), "ENOENT");
  c.parent_env = {};  // libc default: absolute entries only
  EXPECT_EQ(error_of(c), "ENOENT");
  c.program = std::string(256, 'n');
  c.parent_env = {"PATH=."};
  EXPECT_EQ(error_of(c), "ENAMETOOLONG");  // the lookup in "." refuses the name
  c.parent_env = {"PATH=missing"};
  EXPECT_EQ(error_of(c), "ENOENT");  // glibc: the walk stops at "missing" first
  EXPECT_EQ(error_of(c, env(Expectation::Musl)), "ENAMETOOLONG");  // musl checks NAME_MAX first
  EXPECT_EQ(error_of(c, env(Expectation::Refcore)), "ENAMETOOLONG");  // and so does refcore
}

// ---- attributes ------------------------------------------------------------

TEST(ModelAttr, SetsidAndSetpgroup) {
  auto c = base();
  c.attr.flags = attrflag("SETSID");
  auto ch = child_of(c);
  EXPECT_TRUE(ch.sid_is_self);
  EXPECT_TRUE(ch.pgid_is_self);
  EXPECT_FALSE(ch.pgid_is_parent_pgid);
  c.attr.flags = attrflag("SETPGROUP");
  c.attr.pgroup = 0;
  ch = child_of(c);
  EXPECT_TRUE(ch.pgid_is_self);
  EXPECT_FALSE(ch.sid_is_self);
  // Measured (glibc 2.36, musl 1.2.3): setsid, then setpgid on a session leader.
  c.attr.flags = attrflag("SETSID") | attrflag("SETPGROUP");
  EXPECT_EQ(error_of(c), "EPERM");
  c.attr.flags = attrflag("SETPGROUP");
  c.attr.pgroup = 4242;
  EXPECT_NE(predict(c, env()).unpredictable, "");
}

TEST(ModelAttr, AttributeErrorsComeBeforeFileActions) {
  auto c = base();
  c.attr.flags = attrflag("SETSID") | attrflag("SETPGROUP");
  c.attr.pgroup = 0;
  c.actions = {addopen(3, "missing", kRdOnly)};
  EXPECT_EQ(error_of(c), "EPERM");
}

TEST(ModelAttr, SignalMaskAndDispositions) {
  constexpr auto bit = sigbit;
  auto c = base();
  c.sigmask = bit(10);
  c.sigign = bit(12) | bit(13);
  c.sigcatch = bit(1);
  auto ch = child_of(c);
  EXPECT_EQ(ch.sigmask, bit(10));
  EXPECT_EQ(ch.sigign, bit(12) | bit(13));
  EXPECT_EQ(ch.sigcatch, 0u);  // caught signals are reset by exec
  c.attr.flags = attrflag("SETSIGMASK") | attrflag("SETSIGDEF");
  c.attr.sigmask = bit(2) | bit(9) | bit(19);  // SIGKILL and SIGSTOP cannot be blocked
  c.attr.sigdefault = bit(12) | bit(9);
  ch = child_of(c);
  EXPECT_EQ(ch.sigmask, bit(2));
  EXPECT_EQ(ch.sigign, bit(13));
}

TEST(ModelAttr, LibcSignalsMayNotBeNamed) {
  auto c = base();
  c.sigmask = sigbit(33);
  EXPECT_NE(validate(c), "");
  c.sigmask = 0;
  c.sigign = c.sigcatch = sigbit(10);
  EXPECT_NE(validate(c), "");
}

// ---- permissions (not root) ------------------------------------------------

TEST(ModelPerm, NonRootNeedsSearchPermission) {
  auto c = base();
  c.fixture.push_back(dir("locked", 0600));
  c.fixture.push_back(probe("locked/tool"));
  c.program = "locked/tool";
  auto e = env();
  EXPECT_EQ(error_of(c, e), "0");
  e.root = false;
  EXPECT_EQ(error_of(c, e), "EACCES");
}

TEST(ModelTrace, NamesTheRulesApplied) {
  auto c = base();
  c.actions = {addopen(5, "data.txt", kRdOnly | kCloExec)};
  auto p = run(c);
  EXPECT_NE(joined(p.trace).find("FD_CLOEXEC lost"), std::string::npos) << joined(p.trace);
}

// Arbitrary requests, well-formed or not, end in a prediction or a reason,
// never in an exception or a crash.
TEST(ModelRobustness, RandomCasesNeverThrow) {
  std::uint32_t seed = 12345;
  auto rnd = [&](int n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(n));
  };
  const std::vector<std::string> paths = {"", ".", "..", "prog", "data.txt", "sub", "sub/", "sub/x", "l", "l/x",
                                          "loop", "missing/x", "ff", "scr", "../x", "sub/../prog", "/abs"};
  for (int i = 0; i < 3000; ++i) {
    Case c = base();
    c.fixture.push_back(symlink("l", paths[static_cast<std::size_t>(rnd(static_cast<int>(paths.size() - 1)) + 1)]));
    c.fixture.push_back(symlink("loop", "loop"));
    c.fixture.push_back(fifo("ff"));
    c.fixture.push_back(script("scr", rnd(2) == 0));
    for (int k = rnd(4); k > 0; --k) {
      ParentFd p = parent_open(rnd(12) - 1, paths[static_cast<std::size_t>(rnd(static_cast<int>(paths.size())))],
                           static_cast<OFlags>(rnd(1 << 13)), rnd(2) == 0);
      if (rnd(4) == 0) p = pipe_end(rnd(12), rnd(12), rnd(2) == 0);
      c.fds.push_back(p);
    }
    for (int k = rnd(6); k > 0; --k)
      c.actions.push_back(act(static_cast<Op>(rnd(6)), rnd(14) - 2, rnd(14) - 2,
                              paths[static_cast<std::size_t>(rnd(static_cast<int>(paths.size())))],
                              static_cast<OFlags>(rnd(1 << 13)), 0644));
    c.program = paths[static_cast<std::size_t>(rnd(static_cast<int>(paths.size())))];
    c.func = rnd(2) ? Func::Spawn : Func::Spawnp;
    c.parent_env = {"PATH=sub::l"};
    c.attr.flags = static_cast<AttrFlags>(rnd(1 << 6));
    c.attr.pgroup = rnd(3) - 1;
    for (auto libc : {Expectation::Glibc, Expectation::Musl, Expectation::Refcore}) {
      Prediction p;
      EXPECT_NO_THROW(p = predict(c, env(libc)));
      if (p.unpredictable.empty()) {
        EXPECT_EQ(p.outcome().child.has_value(), p.outcome().error == "0");
      }
    }
  }
}

// `list --choices` shows every point of choices.def with each option's
// taker and the sentence that allows it: a point added without them, or
// one the listing skips, fails here.
TEST(ModelChoices, ListingNamesEveryOptionWithWhoAndWhy) {
  const std::string listing = describe_choices();
  for (std::size_t i = 0; i < kChoiceCount; ++i) {
    const auto& c = choice_info(static_cast<Choice>(i));
    EXPECT_NE(listing.find(c.name), std::string::npos) << c.name;
    EXPECT_GE(c.options.size(), 2u) << c.name << " is not a choice";
    for (const auto& o : c.options) {
      EXPECT_FALSE(o.who.empty() || o.source.empty()) << c.name << ": " << o.name;
      EXPECT_NE(listing.find(fmt::format("- {}: {}", o.name, o.who)), std::string::npos) << o.name;
    }
  }
}

}  // namespace
}  // namespace sc
