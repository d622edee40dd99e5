// Proof that every check can fail: each is run against a deliberately broken
// implementation from tests/broken/ and must report FAIL, while the same
// naive implementation without its bug must pass it. `ctest -L selftest`.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "check.h"
#include "conformance_util.h"
#include "session.h"

namespace sc {
namespace {

// check id → the bug that breaks its guarantee (tests/broken/broken_spawn.c).
const std::map<std::string, std::string>& catches() {
  static const std::map<std::string, std::string> m = {
      {"suspension.caller-waits-for-child", "vfork-is-fork"},
      {"suspension.other-threads-keep-running", "stop-the-world"},
      {"shared_memory.child-writes-seen-by-parent", "vfork-is-fork"},
      {"signals.delivered-after-release", "vfork-is-fork"},
      {"fd_table.child-actions-leave-parent-table", "parent-close"},
      {"fd_table.cloexec-fds-not-inherited", "fd-leak"},
      {"fd_table.open-descriptions-shared", "offset-reset"},
      {"exec_failure.missing-program-returns-enoent", "exec-success"},
      {"exec_failure.failed-exec-runs-nothing", "zombie"},
      {"exec_failure.enoexec-without-shell-fallback", "shell-fallback"},
      {"exec_failure.file-action-error-returned", "exec-success"},
      {"file_actions.dup2-same-fd-clears-cloexec", "dup2-cloexec"},
      {"file_actions.applied-in-order", "order"},
      {"file_actions.dup2-swap-through-temporary", "order"},
      {"attributes.setsigmask-applied", "sigmask-ignored"},
      {"attributes.defaults-inherit-mask-keep-ignored", "sigign-reset"},
      {"attributes.setsigdef-resets-ignored", "sigdef-ignored"},
      {"attributes.setpgroup-zero-new-group", "pgroup-ignored"},
      {"attributes.setsid-new-session", "setsid-ignored"},
      {"argv_envp.odd-strings-byte-exact", "argv-empty"},
      {"argv_envp.empty-environment", "env-ignored"},
      {"argv_envp.many-arguments", "argv-truncate"},
      {"parent_state.caller-unchanged", "parent-mask"},
      {"parent_state.failed-child-does-not-exit", "exit-not-_exit"},
      {"concurrency.threads-get-their-own-request", "race"},
  };
  return m;
}

std::string library(const std::string& bug) { return std::string(SC_BROKEN_DIR) + "/libsc-broken-" + bug + ".so"; }

class Catches : public ::testing::TestWithParam<const Check*> {};

TEST_P(Catches, BrokenImplementation) {
  const Check& c = *GetParam();
  auto it = catches().find(c.id);
  ASSERT_NE(it, catches().end()) << c.id << " has no broken implementation that proves it can fail";
  Session s("impl:" + library(it->second));
  Verdict v = run_check(c, s, Profile::Linux);
  EXPECT_EQ(v.status, Status::Fail) << c.id << " did not catch sc-broken-" << it->second << ": "
                                    << status_name(v.status) << " " << v.reason;
}

TEST_P(Catches, NothingWithoutTheBug) {
  const Check& c = *GetParam();
  Session s("impl:" + library("none"));
  report_verdict(c, run_check(c, s, Profile::Linux));
}

std::vector<const Check*> all_checks() {
  std::vector<const Check*> out;
  for (const auto& c : registry()) out.push_back(&c);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Broken, Catches, ::testing::ValuesIn(all_checks()),
                         [](const auto& i) { return test_name(*i.param, "impl"); });

}  // namespace
}  // namespace sc
