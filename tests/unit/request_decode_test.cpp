// The agent's protocol decoder against the harness's encoder: what one side
// writes the other reads field for field, and no damaged payload is accepted
// or read past.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "case.h"
#include "wire_encode.h"

extern "C" {
#include "request.h"
#include "wire.h"
}

namespace sc {
namespace {

constexpr std::size_t kFrameHeader = 8;  // magic + u32 length

struct Decoded {
  sc_request req{};
  std::string error;
  bool ok = false;
  explicit Decoded(const std::string& frame) {
    char err[256] = "";
    auto* p = reinterpret_cast<const unsigned char*>(frame.data()) + kFrameHeader;
    ok = sc_request_decode(p, frame.size() - kFrameHeader, &req, err, sizeof err) == 0;
    error = err;
  }
  ~Decoded() {
    if (ok) sc_request_free(&req);
  }
};

Case sample() {
  Case c;
  c.name = "sample";
  c.cwd = "sub";
  c.umask = 027;
  ParentFd f;
  f.fd = 3, f.kind = ParentFd::Kind::Open, f.path = "data.txt", f.oflags = 1u << 2, f.cloexec = true, f.offset = 5;
  c.fds = {f};
  c.sigmask = 1u << 9;
  c.sigign = 1u << 1;
  c.parent_env = {"PATH=bin"};
  c.func = Func::Spawnp;
  c.program = "tool";
  c.argv = {"tool", "", std::string("\xff", 1)};
  c.envp = {"A=1"};
  Action a;
  a.op = Op::ADDDUP2, a.fd = 3, a.newfd = 7;
  c.actions = {a};
  c.attr.flags = 1u << 3;
  c.attr.pgroup = 0;
  return c;
}

TEST(RequestDecode, ReadsWhatTheHarnessEncodes) {
  Decoded d(encode_run(sample(), "refcore", 1234));
  ASSERT_TRUE(d.ok) << d.error;
  const sc_request& r = d.req;
  EXPECT_EQ(r.msg, SC_MSG_RUN);
  EXPECT_EQ(r.backend, SC_BACKEND_REFCORE);
  EXPECT_EQ(r.timeout_ms, 1234u);
  EXPECT_STREQ(r.cwd, "sub");
  EXPECT_EQ(r.umask, 027u);
  ASSERT_EQ(r.npfds, 1u);
  EXPECT_EQ(r.pfds[0].fd, 3);
  EXPECT_EQ(r.pfds[0].kind, unsigned{SC_PFD_Open});
  EXPECT_EQ(r.pfds[0].oflags, 1u << 2);
  EXPECT_EQ(r.pfds[0].cloexec, 1);
  EXPECT_EQ(r.pfds[0].offset, 5u);
  EXPECT_STREQ(r.pfds[0].path, "data.txt");
  EXPECT_EQ(r.psigmask, 1u << 9);
  EXPECT_EQ(r.psigign, 1u << 1);
  EXPECT_STREQ(r.penv[0], "PATH=bin");
  EXPECT_EQ(r.penv[1], nullptr);
  EXPECT_EQ(r.spawnp, 1);
  EXPECT_STREQ(r.path, "tool");
  EXPECT_STREQ(r.argv[0], "tool");
  EXPECT_STREQ(r.argv[1], "");
  EXPECT_STREQ(r.argv[2], "\xff");
  EXPECT_EQ(r.argv[3], nullptr);
  EXPECT_STREQ(r.envp[0], "A=1");
  ASSERT_EQ(r.nactions, 1u);
  EXPECT_EQ(r.actions[0].fd, 3);
  EXPECT_EQ(r.actions[0].newfd, 7);
  EXPECT_EQ(r.attr_set, unsigned{SC_ATTR_FLAGS | SC_ATTR_PGROUP});
  EXPECT_EQ(r.attr_flags, 1u << 3);
  EXPECT_EQ(r.attr_pgroup, 0);
}

TEST(RequestDecode, ImplBackendCarriesItsPath) {
  Decoded d(encode_scenario("vfork-share", "impl:/x/libmine.so", 0, 100));
  ASSERT_TRUE(d.ok) << d.error;
  EXPECT_EQ(d.req.backend, SC_BACKEND_IMPL);
  EXPECT_STREQ(d.req.impl_path, "/x/libmine.so");
  EXPECT_STREQ(d.req.scenario, "vfork-share");
  EXPECT_EQ(d.req.has_param, 0);
}

// Records are self-delimiting, so a payload cut between two records is a
// shorter request; a cut inside one must be refused.
TEST(RequestDecode, EveryCutInsideARecordIsRejected) {
  std::string frame = encode_run(sample(), "libc", 1000);
  std::string payload = frame.substr(kFrameHeader);
  std::vector<bool> boundary(payload.size() + 1, false);
  for (std::size_t at = 1; at + 5 <= payload.size();) {
    boundary[at] = true;
    std::uint32_t len = 0;
    for (int i = 3; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(payload[at + 1 + static_cast<std::size_t>(i)]);
    at += 5 + len;
  }
  int rejected = 0;
  for (std::size_t keep = 1; keep < payload.size(); ++keep) {
    if (boundary[keep]) continue;
    Decoded d(frame.substr(0, kFrameHeader + keep));
    EXPECT_FALSE(d.ok) << "accepted a payload cut inside a record at byte " << keep;
    EXPECT_FALSE(d.error.empty());
    ++rejected;
  }
  EXPECT_GT(rejected, 100);
}

TEST(RequestDecode, ALengthPastTheEndIsRejected) {
  std::string frame = encode_run(sample(), "libc", 1000);
  // The first record's u32 length sits after the message byte and its tag.
  frame[kFrameHeader + 2] = '\xff';
  Decoded d(frame);
  EXPECT_FALSE(d.ok);
}

TEST(RequestDecode, UnknownTagAndBackendAreRejected) {
  std::string frame = encode_run(sample(), "libc", 1000);
  frame[kFrameHeader + 1] = '\x7f';
  EXPECT_FALSE(Decoded(frame).ok);
  Decoded unknown(encode_run(sample(), "nosuch", 1000));
  EXPECT_FALSE(unknown.ok);
  EXPECT_NE(unknown.error.find("nosuch"), std::string::npos) << unknown.error;
}

}  // namespace
}  // namespace sc
