// The agents of every other target (cmake/targets.cmake) driven from this
// harness: the musl agent natively, each architecture under qemu-user
// (label cross). The environment detection is tested here too: what the
// agent observes decides which guarantees a target can show.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "case_format.h"
#include "environment.h"
#include "session.h"
#include "test_support.h"

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

std::vector<std::string> other_targets() {
  std::vector<std::string> names;
  for (const auto& n : sc::target_names())
    if (n != "host") names.push_back(n);
  return names;
}

class Target : public ::testing::TestWithParam<std::string> {
 protected:
  sc::Target target() const { return *sc::target_named(GetParam()); }
};

TEST_P(Target, RefcoreSpawnsTheProbe) {
  sc::Session s("refcore", target());
  sc::Run r = predict_and_run(s, parse(kProbeCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.outcome.error, "0");
  ASSERT_TRUE(r.observed.outcome.child.has_value());
  EXPECT_EQ(r.observed.outcome.child->argv, (std::vector<std::string>{"probe", "", "two words"}));
  EXPECT_EQ(r.observed.outcome.child->envp, (std::vector<std::string>{"K=v"}));
}

// refcore reports exec errors through a close-on-exec pipe, which works
// whether or not the clone really shares memory.
TEST_P(Target, RefcoreReturnsEnoentForAMissingProgram) {
  sc::Session s("refcore", target());
  sc::Run r = predict_and_run(s, parse(kMissingCase));
  ASSERT_EQ(r.trouble, "");
  EXPECT_EQ(r.observed.outcome.error, "ENOENT");
  EXPECT_EQ(r.unverifiable, "");
}

// The agent's own test clone tells emulation apart: qemu-user turns
// CLONE_VM|CLONE_VFORK into a fork, a native agent's clone shares memory.
TEST_P(Target, AgentObservesWhetherCloneVmShares) {
  sc::Session s("libc", target());
  ASSERT_EQ(predict_and_run(s, parse(kProbeCase)).trouble, "");
  const bool emulated = target().how != "native";
  EXPECT_EQ(sc::vm_shared(s.hello()), !emulated) << s.hello().arch;
}

// Observed with qemu-user 7.2 and glibc 2.36: posix_spawn returns 0 and
// the child exits 127, because glibc writes the exec error into memory it
// assumes the child shares. That run is unverifiable, never a FAIL; musl
// (a pipe) still returns ENOENT.
TEST_P(Target, LibcMissingProgramIsEnoentOrUnverifiable) {
  sc::Session s("libc", target());
  sc::Run r = predict_and_run(s, parse(kMissingCase));
  ASSERT_EQ(r.trouble, "");
  if (r.observed.outcome.error == "ENOENT") return;
  EXPECT_FALSE(sc::vm_shared(s.hello()));
  EXPECT_EQ(r.observed.outcome.error, "0");
  EXPECT_EQ(r.reply.wait_code, 127);
  EXPECT_NE(r.unverifiable, "");
}

INSTANTIATE_TEST_SUITE_P(Cross, Target, ::testing::ValuesIn(other_targets()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

#ifdef SC_CROSS_BROKEN_DIR
// A broken implementation built for a foreign architecture is caught
// there, and its bug-free build passes the same checks.
std::string cross_impl(const std::string& bug) {
  return std::string(SC_CROSS_BROKEN_DIR) + "/libsc-broken-" + bug + ".so";
}

const std::string kOrderChecks = " --filter 'file_actions.applied-in-order' --arch " SC_CROSS_IMPL_TARGET;

TEST(CrossImpl, BrokenOrderIsCaught) {
  auto r = sc::test::spawncheck("check --impl " + cross_impl("order") + kOrderChecks);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL        file_actions.applied-in-order"), std::string::npos) << r.output;
}

TEST(CrossImpl, BugFreeBuildPasses) {
  auto r = sc::test::spawncheck("check --impl " + cross_impl("none") + kOrderChecks);
  EXPECT_EQ(r.status, 0) << r.output;
}
#endif

}  // namespace
