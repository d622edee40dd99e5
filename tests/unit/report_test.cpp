// Parsing of probe reports and agent replies (docs/protocol.md), and the
// normalisation of a report into the ChildState the model predicts.
#include "agent_reply.h"
#include "normalise.h"
#include "surface.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace sc {
namespace {

// Bit of an SC_OFLAG, by name, so the tests do not hard-code indexes.
OFlags flag(std::string_view name) { return oflag(name); }

SigSet sig(int n) { return SigSet{1} << (n - 1); }

const std::string kReport =
    "probe 1\n"
    "pid 120\n"
    "ppid 100\n"
    "pgid 100\n"
    "sid 90\n"
    "ids 1000 1001 1002 1003\n"
    "umask 0022\n"
    "cwd x2f746d702f726f6f74\n"  // /tmp/root
    "arg x70726f6265\n"          // probe
    "arg x\n"
    "env x413d31\n"  // A=1
    "fd 0 kind=chr dev=1:3 ino=5 flags=O_RDONLY cloexec=0 off=0\n"
    "fd 3 kind=reg dev=254:1 ino=1234567890123 flags=O_RDWR|O_APPEND|O_NONBLOCK|O_SYNC cloexec=1 off=42\n"
    "fd 7 kind=fifo dev=0:15 ino=9 flags=O_WRONLY cloexec=0 off=-\n"
    "sigmask 2,10,32,64\n"
    "sigign -\n"
    "sigcatch 15\n"
    "end\n";

// kReport with line `no` (1-based) replaced by `text`.
std::string with_line(std::size_t no, const std::string& text) {
  std::string out;
  std::size_t start = 0, n = 1;
  while (start < kReport.size()) {
    auto nl = kReport.find('\n', start);
    out += n == no ? text : kReport.substr(start, nl - start);
    out += '\n';
    start = nl + 1;
    ++n;
  }
  return out;
}

std::string error_of(std::string_view report) {
  auto p = parse_probe_report(report);
  EXPECT_FALSE(p) << "accepted:\n" << report;
  return p.error;
}

TEST(ProbeReportParse, ReadsEveryItem) {
  auto p = parse_probe_report(kReport);
  ASSERT_TRUE(p) << p.error;
  const ProbeReport& r = *p.value;
  EXPECT_EQ(r.pid, 120);
  EXPECT_EQ(r.ppid, 100);
  EXPECT_EQ(r.pgid, 100);
  EXPECT_EQ(r.sid, 90);
  EXPECT_EQ(r.uid, 1000u);
  EXPECT_EQ(r.euid, 1001u);
  EXPECT_EQ(r.gid, 1002u);
  EXPECT_EQ(r.egid, 1003u);
  EXPECT_EQ(r.umask, 022u);
  EXPECT_EQ(r.cwd, "/tmp/root");
  EXPECT_EQ(r.argv, (std::vector<std::string>{"probe", ""}));
  EXPECT_EQ(r.envp, (std::vector<std::string>{"A=1"}));
  ASSERT_EQ(r.fds.size(), 3u);
  const ProbeFd& f3 = r.fds.at(3);
  EXPECT_EQ(f3.fd, 3);
  EXPECT_EQ(f3.kind, "reg");
  EXPECT_EQ(f3.major, 254u);
  EXPECT_EQ(f3.minor, 1u);
  EXPECT_EQ(f3.ino, 1234567890123u);
  EXPECT_EQ(f3.flags, flag("O_RDWR") | flag("O_APPEND") | flag("O_NONBLOCK") | flag("O_SYNC"));
  EXPECT_TRUE(f3.cloexec);
  EXPECT_EQ(f3.offset, 42u);
  EXPECT_EQ(r.fds.at(7).offset, std::nullopt);
  EXPECT_EQ(r.fds.at(7).flags, flag("O_WRONLY"));
  EXPECT_EQ(r.sigmask, sig(2) | sig(10) | sig(32) | sig(64));
  EXPECT_EQ(r.sigign, 0u);
  EXPECT_EQ(r.sigcatch, sig(15));
}

TEST(ProbeReportParse, FinalNewlineIsOptional) {
  auto p = parse_probe_report(std::string_view(kReport).substr(0, kReport.size() - 1));
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(*p.value, *parse_probe_report(kReport).value);
}

TEST(ProbeReportParse, EmptyArgvEnvAndFdTable) {
  auto p = parse_probe_report(
      "probe 1\npid 1\nppid 0\npgid 1\nsid 1\nids 0 0 0 0\numask 0777\ncwd x\n"
      "sigmask -\nsigign -\nsigcatch -\nend\n");
  ASSERT_TRUE(p) << p.error;
  EXPECT_TRUE(p.value->argv.empty());
  EXPECT_TRUE(p.value->envp.empty());
  EXPECT_TRUE(p.value->fds.empty());
  EXPECT_EQ(p.value->cwd, "");
  EXPECT_EQ(p.value->umask, 0777u);
}

TEST(ProbeReportParse, HexCarriesAnyBytes) {
  auto p = parse_probe_report(with_line(9, "arg xff00fe0a20c3") + "");
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->argv[0], std::string("\xff\0\xfe\n \xc3", 6));
  EXPECT_EQ(p.value->argv[1], "");
}

TEST(ProbeReportParse, RejectsBadHex) {
  EXPECT_EQ(error_of(with_line(9, "arg")), "line 9: expected 'arg <value>', got 'arg'");
  for (std::string bad : {"arg ", "arg 70", "arg xF0", "arg x7", "arg x7g", "arg x 70", "arg x70 "})
    EXPECT_EQ(error_of(with_line(9, bad)).rfind("line 9: expected 'arg x<lowercase hex", 0), 0u) << bad;
}

TEST(ProbeReportParse, ErrorsNameTheLineAndWhatWasExpected) {
  EXPECT_EQ(error_of(with_line(2, "pid -5")), "line 2: expected 'pid <non-negative number>', got 'pid -5'");
  EXPECT_EQ(error_of(with_line(3, "pid 3")), "line 3: expected one 'pid' line only, got 'pid 3'");
  EXPECT_EQ(error_of(with_line(7, "umask 022")).substr(0, 16), "line 7: expected");
  EXPECT_EQ(error_of(with_line(7, "umask 1000")).substr(0, 16), "line 7: expected");
  EXPECT_EQ(error_of(with_line(6, "ids 1 2 3")), "line 6: expected 'ids <uid> <euid> <gid> <egid>', got 'ids 1 2 3'");
  EXPECT_EQ(error_of(with_line(17, "bogus 1")).rfind("line 17: expected a probe report item", 0), 0u);
  EXPECT_EQ(error_of(with_line(17, "")).rfind("line 17: expected a probe report item", 0), 0u);
  EXPECT_EQ(error_of(with_line(1, "probe 2")), "line 1: expected 'probe 1', got 'probe 2'");
  EXPECT_EQ(error_of(""), "line 1: expected 'probe 1', got ''");
  EXPECT_EQ(error_of(kReport + "pid 4\n"), "line 19: expected nothing after the report's 'end'");
}

TEST(ProbeReportParse, RejectsTruncatedReports) {
  EXPECT_EQ(error_of(kReport.substr(0, kReport.rfind("end"))), "line 17: expected 'end': the report is truncated");
  // Every proper prefix is refused (a cut after "end" only drops the newline).
  for (std::size_t n = 0; n + 1 < kReport.size(); ++n)
    EXPECT_FALSE(parse_probe_report(std::string_view(kReport).substr(0, n))) << n;
}

TEST(ProbeReportParse, RequiresEverySingleItem) {
  EXPECT_EQ(error_of(with_line(8, "arg x")), "line 18: expected a 'cwd' line before 'end'");
}

TEST(ProbeReportParse, RejectsMalformedFdLines) {
  const char* bad[] = {
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0",                 // field missing
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR off=0 cloexec=0",           // order
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=0 x=1",       // extra
      "fd 3  kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=0",          // double space
      "fd -1 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=0",          // negative fd
      "fd 3 kind=file dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=0",          // kind
      "fd 3 kind=reg dev=254 ino=1 flags=O_RDWR cloexec=0 off=0",             // dev
      "fd 3 kind=reg dev=254:1:2 ino=1 flags=O_RDWR cloexec=0 off=0",         // dev
      "fd 3 kind=reg dev=254:1 ino=-1 flags=O_RDWR cloexec=0 off=0",          // ino
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_APPEND cloexec=0 off=0",         // no access mode
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_APPEND|O_RDWR cloexec=0 off=0",  // mode not first
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR|O_WRONLY cloexec=0 off=0",  // two modes
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR|O_APPEND|O_APPEND cloexec=0 off=0",
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR|O_LARGEFILE cloexec=0 off=0",  // unknown
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR| cloexec=0 off=0",
      "fd 3 kind=reg dev=254:1 ino=1 flags= cloexec=0 off=0",
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=2 off=0",
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=",
      "fd 3 kind=reg dev=254:1 ino=1 flags=O_RDWR cloexec=0 off=-1",
      "fd 3",
      "fd",
  };
  for (const char* line : bad) EXPECT_EQ(error_of(with_line(12, line)).rfind("line 12: expected ", 0), 0u) << line;
  // The same fd twice.
  EXPECT_EQ(error_of(with_line(12, "fd 3 kind=reg dev=1:1 ino=1 flags=O_RDONLY cloexec=0 off=0")),
            "line 13: expected each fd once, got 'fd 3 kind=reg dev=254:1 ino=1234567890123 "
            "flags=O_RDWR|O_APP...'");
}

TEST(ProbeReportParse, RejectsMalformedSignalSets) {
  for (std::string bad : {"sigmask ", "sigmask 0", "sigmask 65", "sigmask 2,2", "sigmask 3,2", "sigmask 1,",
                          "sigmask ,1", "sigmask -,1", "sigmask +1", "sigmask 1 2"})
    EXPECT_EQ(error_of(with_line(15, bad)).rfind("line 15: expected ascending signal numbers", 0), 0u) << bad;
}

TEST(ProbeReportParse, ErrorMessagesArePrintableAndBounded) {
  std::string junk(200, '\xff');
  auto e = error_of(with_line(4, "pgid " + junk));
  EXPECT_LT(e.size(), 400u);
  for (char c : e) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << e;
}

TEST(ProbeReportParse, SurvivesRandomDamage) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "x0123456789abcdef =:,|-\n\xff"
      "fdkindO_RDWR";
  for (int i = 0; i < 20000; ++i) {
    std::string s = kReport;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t pos = rng() % s.size();
      switch (rng() % 3) {
        case 0:
          s[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          s.erase(pos, 1 + rng() % 8);
          break;
        default:
          s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
      }
      if (s.empty()) s.push_back('\n');
    }
    auto p = parse_probe_report(s);
    EXPECT_NE(p.value.has_value(), !p.error.empty());
    if (!p) {
      EXPECT_EQ(p.error.rfind("line ", 0), 0u) << p.error;
    }
  }
}

TEST(FormatProbeFd, IsTheReportSyntax) {
  auto r = parse_probe_report(kReport).value;
  ASSERT_TRUE(r);
  EXPECT_EQ(format_probe_fd(r->fds.at(3)),
            "fd 3 kind=reg dev=254:1 ino=1234567890123 flags=O_RDWR|O_APPEND|O_NONBLOCK|O_SYNC cloexec=1 off=42");
  EXPECT_EQ(format_probe_fd(r->fds.at(7)), "fd 7 kind=fifo dev=0:15 ino=9 flags=O_WRONLY cloexec=0 off=-");
  // Printing every fd back into a report gives the same report.
  std::string fd_lines;
  for (const auto& [n, fd] : r->fds) fd_lines += format_probe_fd(fd) + "\n";
  auto again =
      parse_probe_report(kReport.substr(0, kReport.find("fd ")) + fd_lines + kReport.substr(kReport.find("sigmask")));
  ASSERT_TRUE(again) << again.error;
  EXPECT_EQ(*again.value, *r);
}

// --- agent replies ---

std::string prefixed(const std::string& prefix, const std::string& lines) {
  std::string out;
  for (std::size_t start = 0; start < lines.size();) {
    auto nl = lines.find('\n', start);
    out += prefix + lines.substr(start, nl - start) + "\n";
    start = nl + 1;
  }
  return out;
}

const std::string kCaller =
    "fd 3 kind=reg dev=254:1 ino=77 flags=O_RDONLY cloexec=0 off=5\n"
    "sigmask 10\n"
    "sigign 13\n"
    "sigcatch 12\n"
    "cwd x2f746d702f726f6f74\n"
    "umask 0022\n";

const std::string kSpawnReply =
    "agent 1\n"
    "backend refcore\n"
    "result ok\n"
    "ret 0\n"
    "stage none\n"
    "pid 120\n"
    "wait exited 0\n"
    "zombies 0\n"
    "errno 0\n"
    "self 100 100 90\n" +
    prefixed("before ", kCaller) + prefixed("after ", kCaller) + prefixed("probe ", kReport) + "end\n";

// kSpawnReply without the line starting with `start`, or with it replaced.
std::string reply_with(const std::string& start, const std::string& replacement) {
  auto pos = kSpawnReply.find("\n" + start) + 1;
  auto nl = kSpawnReply.find('\n', pos);
  return kSpawnReply.substr(0, pos) + (replacement.empty() ? "" : replacement + "\n") + kSpawnReply.substr(nl + 1);
}

std::string reply_error(const std::string& text) {
  auto p = parse_agent_reply(text, ReplyTo::Spawn);
  EXPECT_FALSE(p) << "accepted:\n" << text;
  return p.error;
}

TEST(AgentReplyParse, ReadsASpawnReply) {
  auto p = parse_agent_reply(kSpawnReply, ReplyTo::Spawn);
  ASSERT_TRUE(p) << p.error;
  const AgentReply& r = *p.value;
  EXPECT_EQ(r.backend, "refcore");
  EXPECT_EQ(r.result, AgentReply::Result::Ok);
  EXPECT_EQ(r.ret, "0");
  EXPECT_EQ(r.pid, 120);
  EXPECT_EQ(r.wait, AgentReply::Wait::Exited);
  EXPECT_EQ(r.wait_code, 0);
  EXPECT_EQ(r.zombies, 0);
  EXPECT_EQ(r.errno_after, "0");
  EXPECT_EQ(r.self_pid, 100);
  EXPECT_EQ(r.self_pgid, 100);
  EXPECT_EQ(r.self_sid, 90);
  EXPECT_EQ(r.before, r.after);
  EXPECT_EQ(r.before.cwd, "/tmp/root");
  EXPECT_EQ(r.before.umask, 022u);
  EXPECT_EQ(r.before.sigmask, sig(10));
  EXPECT_EQ(r.before.sigign, sig(13));
  EXPECT_EQ(r.before.sigcatch, sig(12));
  EXPECT_EQ(r.before.fds.at(3).offset, 5u);
  ASSERT_TRUE(r.probe);
  EXPECT_EQ(*r.probe, *parse_probe_report(kReport).value);
  EXPECT_TRUE(r.scenario.empty());
}

TEST(AgentReplyParse, ReadsAFailedSpawn) {
  std::string text = reply_with("ret ", "ret ENOENT");
  text.replace(text.find("stage none"), 10, "stage spawn");
  text = text.substr(0, text.find("probe probe 1")) + "probe-missing\nend\n";
  text.replace(text.find("wait exited 0"), 13, "wait none");
  text.replace(text.find("pid 120"), 7, "pid -1");
  auto p = parse_agent_reply(text, ReplyTo::Spawn);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->ret, "ENOENT");
  EXPECT_EQ(p.value->pid, -1);
  EXPECT_EQ(p.value->wait, AgentReply::Wait::None);
  EXPECT_FALSE(p.value->probe);
}

TEST(AgentReplyParse, ReadsEveryNonOkResult) {
  auto b = parse_agent_reply("agent 1\nresult broken protocol: record 3 too long\nend\n", ReplyTo::Spawn);
  ASSERT_TRUE(b) << b.error;
  EXPECT_EQ(b.value->result, AgentReply::Result::Broken);
  EXPECT_EQ(b.value->reason, "protocol: record 3 too long");
  auto u = parse_agent_reply("agent 1\nbackend impl:/x/y z.so\nresult unsupported action addchdir\nend", ReplyTo::Spawn);
  ASSERT_TRUE(u) << u.error;
  EXPECT_EQ(u.value->result, AgentReply::Result::Unsupported);
  EXPECT_EQ(u.value->backend, "impl:/x/y z.so");
  EXPECT_EQ(u.value->missing_action, Op::ADDCHDIR);
  EXPECT_EQ(u.value->reason, "the implementation lacks posix_spawn_file_actions_addchdir_np");
  auto other = parse_agent_reply("agent 1\nresult unsupported impl has no vfork symbol\nend", ReplyTo::Scenario);
  ASSERT_TRUE(other) << other.error;
  EXPECT_FALSE(other.value->missing_action);
  EXPECT_EQ(other.value->reason, "impl has no vfork symbol");
  EXPECT_EQ(reply_error("agent 1\nresult broken\nend\n"),
            "line 2: expected 'result ok|timeout|crashed <SIGNAME|n>|broken <reason>|unsupported action <name>|"
            "unsupported <reason>', got 'result broken'");
  auto c = parse_agent_reply("agent 1\nbackend libc\nresult crashed SIGSEGV\nend\n", ReplyTo::Spawn);
  ASSERT_TRUE(c) << c.error;
  EXPECT_EQ(c.value->result, AgentReply::Result::Crashed);
  EXPECT_EQ(c.value->reason, "SIGSEGV");
  auto t = parse_agent_reply("agent 1\nbackend libc\nresult timeout\nend\n", ReplyTo::Spawn);
  ASSERT_TRUE(t) << t.error;
  EXPECT_EQ(t.value->result, AgentReply::Result::Timeout);
  EXPECT_FALSE(parse_agent_reply("agent 1\nresult crashed\nend\n", ReplyTo::Spawn));
  EXPECT_FALSE(parse_agent_reply("agent 1\nresult crashed SIGNOPE\nend\n", ReplyTo::Spawn));
  EXPECT_FALSE(parse_agent_reply("agent 1\nresult timeout 5\nend\n", ReplyTo::Spawn));
}

TEST(AgentReplyParse, ReadsScenarioLinesOfAScenarioReplyOnly) {
  auto p = parse_agent_reply("agent 1\nbackend libc\nresult ok\nscenario suspended 1\nscenario note a  b \nscenario note x\n"
                             "zombies 0\nend\n",
                             ReplyTo::Scenario);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->scenario, (std::vector<std::pair<std::string, std::string>>{
                                   {"suspended", "1"}, {"note", "a  b "}, {"note", "x"}}));
  EXPECT_FALSE(parse_agent_reply("agent 1\nresult ok\nscenario empty\nzombies 0\nend\n", ReplyTo::Scenario));
  EXPECT_EQ(reply_error("agent 1\nresult ok\nscenario a 1\nend\n"),
            "line 3: expected a spawn reply item (no 'scenario' lines), got 'scenario a 1'");
  EXPECT_FALSE(parse_agent_reply("agent 1\nresult ok\nscenario a 1\nend\n", ReplyTo::Scenario))
      << "a scenario reply says what it left behind";
}

TEST(AgentReplyParse, ReadsEveryWaitForm) {
  struct Case {
    const char* line;
    AgentReply::Wait wait;
    int code;
    const char* signal;
  } cases[] = {
      {"wait none", AgentReply::Wait::None, 0, ""},
      {"wait timeout", AgentReply::Wait::Timeout, 0, ""},
      {"wait exited 127", AgentReply::Wait::Exited, 127, ""},
      {"wait signaled SIGKILL", AgentReply::Wait::Signaled, 9, "SIGKILL"},
      {"wait signaled 15", AgentReply::Wait::Signaled, 15, "15"},
      {"wait signaled SIGRT1", AgentReply::Wait::Signaled, 33, "SIGRT1"},
  };
  for (const auto& c : cases) {
    auto p = parse_agent_reply(reply_with("wait ", c.line), ReplyTo::Spawn);
    ASSERT_TRUE(p) << c.line << ": " << p.error;
    EXPECT_EQ(p.value->wait, c.wait) << c.line;
    EXPECT_EQ(p.value->wait_code, c.code) << c.line;
    EXPECT_EQ(p.value->wait_signal, c.signal) << c.line;
  }
  for (const char* bad : {"wait exited 256", "wait exited", "wait signaled SIGFOO", "wait signaled 65",
                          "wait signaled SIGRT33", "wait none 1", "wait stopped 1"})
    EXPECT_EQ(reply_error(reply_with("wait ", bad)).rfind("line 7: expected 'wait none|timeout", 0), 0u) << bad;
}

TEST(AgentReplyParse, ChecksErrnoNames) {
  EXPECT_TRUE(parse_agent_reply(reply_with("stage ", "stage spawn").replace(kSpawnReply.find("ret 0"), 5, "ret E#200"), ReplyTo::Spawn));
  EXPECT_TRUE(parse_agent_reply(reply_with("stage ", "stage spawn").replace(kSpawnReply.find("ret 0"), 5, "ret E#-1"), ReplyTo::Spawn));
  EXPECT_FALSE(parse_agent_reply(reply_with("ret ", "ret E#0"), ReplyTo::Spawn));
  EXPECT_TRUE(parse_agent_reply(reply_with("errno ", "errno ENOEXEC"), ReplyTo::Spawn));
  EXPECT_EQ(reply_error(reply_with("ret ", "ret EWHATEVER")),
            "line 4: expected 'ret <0|errno name|E#n>', got 'ret EWHATEVER'");
  EXPECT_FALSE(parse_agent_reply(reply_with("errno ", "errno E#"), ReplyTo::Spawn));
  EXPECT_FALSE(parse_agent_reply(reply_with("errno ", "errno 2"), ReplyTo::Spawn));
}

TEST(AgentReplyParse, ASpawnReplyCarriesEverything) {
  for (std::string k : {"backend ", "ret ", "stage ", "pid ", "wait ", "zombies ", "errno ", "self "}) {
    auto e = reply_error(reply_with(k, ""));
    EXPECT_NE(e.find("expected a '" + k.substr(0, k.size() - 1) + "' line before 'end'"), std::string::npos) << e;
  }
  std::string no_probe = kSpawnReply.substr(0, kSpawnReply.find("probe probe 1")) + "end\n";
  EXPECT_EQ(reply_error(no_probe), "line 23: expected 'probe' lines or 'probe-missing' before 'end'");
  EXPECT_EQ(reply_error(reply_with("before umask", "")), "line 40: expected 'before umask' before 'end'");
}

TEST(AgentReplyParse, ReadsWhichCallFailed) {
  auto text = [](const std::string& stage) {
    std::string t = reply_with("ret ", "ret EBADF");
    t.replace(t.find("stage none"), 10, stage);
    return t;
  };
  using C = Stage::Call;
  auto builder = parse_agent_reply(text("stage action 2"), ReplyTo::Spawn);
  ASSERT_TRUE(builder) << builder.error;
  EXPECT_EQ(builder.value->stage, (Stage{C::Builder, 2}));
  auto setter = parse_agent_reply(text("stage attr posix_spawnattr_setflags"), ReplyTo::Spawn);
  ASSERT_TRUE(setter) << setter.error;
  EXPECT_EQ(setter.value->stage, (Stage{C::Setter, static_cast<std::uint32_t>(AttrSetter::Flags)}));
  EXPECT_FALSE(parse_agent_reply(text("stage attr posix_spawnattr_setnothing"), ReplyTo::Spawn));
  EXPECT_FALSE(parse_agent_reply(text("stage none"), ReplyTo::Spawn)) << "an error from no call";
  EXPECT_FALSE(parse_agent_reply(reply_with("stage ", "stage spawn"), ReplyTo::Spawn)) << "a call that failed with 0";
}

TEST(AgentReplyParse, ErrorsCarryReplyLineNumbers) {
  EXPECT_EQ(reply_error("agent 2\nend\n"), "line 1: expected 'agent 1', got 'agent 2'");
  EXPECT_EQ(reply_error(reply_with("result ", "result ok\nresult ok")),
            "line 4: expected one 'result' line only, got 'result ok'");
  EXPECT_EQ(reply_error(reply_with("before sigmask", "before pid 3")).rfind("line 12: expected a caller item", 0), 0u);
  // A bad probe line is reported at its line in the reply.
  EXPECT_EQ(reply_error(reply_with("probe pgid", "probe pgid x")),
            "line 26: expected 'pgid <non-negative number>', got 'pgid x'");
  auto both = kSpawnReply.substr(0, kSpawnReply.size() - 4) + "probe-missing\nend\n";
  EXPECT_EQ(reply_error(both), "line 23: expected either 'probe' lines or 'probe-missing', not both");
  EXPECT_EQ(reply_error(kSpawnReply + "end\n"), "line 42: expected nothing after 'end', got 'end'");
  EXPECT_EQ(reply_error(kSpawnReply.substr(0, kSpawnReply.size() - 4)),
            "line 41: expected 'end': the reply is truncated");
  auto cut_report = reply_with("probe end", "");
  EXPECT_EQ(reply_error(cut_report), "line 39: expected 'end': the report is truncated");
  EXPECT_EQ(reply_error(""), "line 1: expected 'agent 1', got ''");
}

TEST(AgentReplyParse, SurvivesEveryPrefixAndRandomDamage) {
  for (std::size_t n = 0; n + 1 < kSpawnReply.size(); ++n) {
    auto p = parse_agent_reply(std::string_view(kSpawnReply).substr(0, n), ReplyTo::Spawn);
    EXPECT_FALSE(p) << n;
    EXPECT_EQ(p.error.rfind("line ", 0), 0u) << p.error;
  }
  std::mt19937 rng(54321);
  for (int i = 0; i < 5000; ++i) {
    std::string s = kSpawnReply;
    std::size_t pos = rng() % s.size();
    s[pos] = "x0 \n-e:|"[rng() % 8];
    auto p = parse_agent_reply(s, ReplyTo::Spawn);
    EXPECT_NE(p.value.has_value(), !p.error.empty());
  }
}

// --- normalisation ---

ProbeReport report() { return *parse_probe_report(kReport).value; }

TEST(Normalise, MakesCwdRelativeToTheScratchRoot) {
  auto cwd = [](std::string abs, std::string_view root) {
    ProbeReport r = report();
    r.cwd = std::move(abs);
    return normalise(r, {}, root, 0).cwd;
  };
  EXPECT_EQ(cwd("/s/root", "/s/root"), ".");
  EXPECT_EQ(cwd("/s/root", "/s/root/"), ".");
  EXPECT_EQ(cwd("/s/root/sub/dir", "/s/root"), "sub/dir");
  EXPECT_EQ(cwd("/s/root/sub", "/s/root//"), "sub");
  EXPECT_EQ(cwd("/s/root2", "/s/root"), "outside:/s/root2");
  EXPECT_EQ(cwd("/s", "/s/root"), "outside:/s");
  EXPECT_EQ(cwd("/s/sc", "/s/root"), "outside:/s/sc");
  EXPECT_EQ(cwd("", "/s/root"), "outside:");
  EXPECT_EQ(cwd("/a/b", "/"), "a/b");
  EXPECT_EQ(cwd("/", "/"), ".");
}

TEST(Normalise, MapsFdsToIdentitiesAndKeepsOffsetsOfRegularFilesOnly) {
  IdentityMap ids{{{254, 1, 1234567890123}, "path:data.txt"}, {{0, 15, 9}, "pipe:5"}};
  auto c = normalise(report(), ids, "/tmp/root", 100);
  ASSERT_EQ(c.fds.size(), 3u);
  EXPECT_EQ(c.fds.at(3), (FdState{"path:data.txt", "reg",
                                  flag("O_RDWR") | flag("O_APPEND") | flag("O_NONBLOCK") | flag("O_SYNC"), true, 42}));
  EXPECT_EQ(c.fds.at(7), (FdState{"pipe:5", "fifo", flag("O_WRONLY"), false, std::nullopt}));
  // A character device with a defined offset: identity unknown, offset not compared.
  EXPECT_EQ(c.fds.at(0), (FdState{"other", "chr", flag("O_RDONLY"), false, std::nullopt}));
}

TEST(Normalise, DropsLibcInternalSignals) {
  ProbeReport r = report();
  r.sigmask = sig(31) | sig(32) | sig(33) | sig(34) | sig(35);
  r.sigign = sig(32) | sig(33) | sig(1);
  r.sigcatch = sig(34);
  auto c = normalise(r, {}, "/tmp/root", 0);
  EXPECT_EQ(c.sigmask, sig(31) | sig(35));
  EXPECT_EQ(c.sigign, sig(1));
  EXPECT_EQ(c.sigcatch, 0u);
}

TEST(Normalise, DescribesProcessGroupAndSessionRelations) {
  ProbeReport r = report();  // pid 120, pgid 100, sid 90
  auto c = normalise(r, {}, "/tmp/root", 100);
  EXPECT_FALSE(c.pgid_is_self);
  EXPECT_TRUE(c.pgid_is_parent_pgid);
  EXPECT_FALSE(c.sid_is_self);
  r.pgid = r.sid = 120;
  c = normalise(r, {}, "/tmp/root", 100);
  EXPECT_TRUE(c.pgid_is_self);
  EXPECT_FALSE(c.pgid_is_parent_pgid);
  EXPECT_TRUE(c.sid_is_self);
}

TEST(Normalise, CopiesArgvEnvpAndUmask) {
  auto c = normalise(report(), {}, "/tmp/root", 0);
  EXPECT_EQ(c.argv, (std::vector<std::string>{"probe", ""}));
  EXPECT_EQ(c.envp, (std::vector<std::string>{"A=1"}));
  EXPECT_EQ(c.umask, 022u);
  EXPECT_EQ(c.cwd, ".");
}

}  // namespace
}  // namespace sc
