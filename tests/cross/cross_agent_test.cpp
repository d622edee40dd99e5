// The agent built for other targets, driven by this harness: the musl agent
// run natively, the aarch64 glibc agent under qemu-aarch64 (label cross).
// Only the toolchains found at configure time have tests (CMakeLists.txt).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "case_format.h"
#include "session.h"

namespace {

sc::Case parse(const std::string& text) {
  auto p = sc::parse_case(text, "cross.case");
  if (!p) throw std::runtime_error(p.error);
  return *p.value;
}

const std::string kProbeCase =
    "spawncheck-case 1\n"
    "name cross-probe\n"
    "fixture probe \"bin/probe\"\n"
    "call posix_spawn \"bin/probe\"\n"
    "argv \"probe\" \"\" \"two words\"\n"
    "envp \"K=v\"\n"
    "expect error 0\n";

const std::string kMissingCase =
    "spawncheck-case 1\n"
    "name cross-missing\n"
    "call posix_spawn \"no-such-program\"\n"
    "argv \"no-such-program\"\n"
    "envp\n"
    "expect error ENOENT\n";

// Generous: an emulated agent starts and spawns an order of magnitude slower.
constexpr unsigned kTimeoutMs = 20000;

void expect_probe_ran(sc::Session& s) {
  sc::Run r = s.run(parse(kProbeCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.error, "0");
  ASSERT_TRUE(r.observed.child.has_value());
  EXPECT_EQ(r.observed.child->argv, (std::vector<std::string>{"probe", "", "two words"}));
  EXPECT_EQ(r.observed.child->envp, (std::vector<std::string>{"K=v"}));
}

#ifdef SPAWNCHECK_MUSL_AGENT
sc::Target musl_target() { return *sc::target_named("musl"); }

TEST(MuslAgent, RefcoreSpawnsTheProbe) {
  sc::Session s("refcore", musl_target(), kTimeoutMs);
  expect_probe_ran(s);
}

TEST(MuslAgent, LibcReturnsEnoentForAMissingProgram) {
  sc::Session s("libc", musl_target(), kTimeoutMs);
  sc::Run r = s.run(parse(kMissingCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.error, "ENOENT");
  EXPECT_FALSE(r.observed.child.has_value());
}
#endif

#ifdef SPAWNCHECK_AARCH64_AGENT
sc::Target aarch64_target() { return *sc::target_named("aarch64"); }

TEST(Aarch64Agent, RefcoreSpawnsTheProbe) {
  sc::Session s("refcore", aarch64_target(), kTimeoutMs);
  expect_probe_ran(s);
}

// refcore reports exec errors through a close-on-exec pipe, which works
// whether or not the clone really shares memory.
TEST(Aarch64Agent, RefcoreReturnsEnoentForAMissingProgram) {
  sc::Session s("refcore", aarch64_target(), kTimeoutMs);
  sc::Run r = s.run(parse(kMissingCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.error, "ENOENT");
}

// Observed with qemu-user 7.2 and glibc 2.36: posix_spawn returns 0 and
// the child exits 127. qemu turns CLONE_VM|CLONE_VFORK into a plain fork,
// and glibc reports exec errors by writing them to memory it assumes the
// child shares, so the parent never sees the ENOENT (DESIGN.md). POSIX
// allows this exit-127 form; the Linux/glibc contract does not.
TEST(Aarch64Agent, LibcReportsAMissingProgramAsExit127UnderQemu) {
  sc::Session s("libc", aarch64_target(), kTimeoutMs);
  sc::Run r = s.run(parse(kMissingCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.error, "0");
  EXPECT_FALSE(r.observed.child.has_value());
  EXPECT_EQ(r.reply.wait, sc::AgentReply::Wait::Exited);
  EXPECT_EQ(r.reply.wait_code, 127);
}
#endif

}  // namespace
