// Proof that every check can fail: each is run against a deliberately broken
// implementation from tests/broken/ and must report FAIL, while the same
// naive implementation without its bug must pass it. `ctest -L selftest`.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "check.h"
#include "conformance_util.h"
#include "session.h"
#include "test_support.h"

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
      {"fd_table.cloexec-fds-closed-with-file-actions", "dup2-clears-source-cloexec"},
      {"fd_table.own-fds-hidden-with-file-actions", "moved-pipe-leaks"},
      {"fd_table.dup2-copy-shares-description", "dup2-reopens"},
      {"exec_failure.missing-program-returns-enoent", "exec-success"},
      {"exec_failure.failed-exec-runs-nothing", "zombie"},
      {"exec_failure.enoexec-without-shell-fallback", "shell-fallback"},
      {"exec_failure.file-action-error-returned", "exec-success"},
      {"exec_failure.no-execute-permission-eacces", "errors-as-enoent"},
      {"exec_failure.directory-program-eacces", "errors-as-enoent"},
      {"exec_failure.fifo-program-eacces", "errors-as-enoent"},
      {"exec_failure.non-directory-component-enotdir", "errors-as-enoent"},
      {"exec_failure.symlink-loop-eloop", "errors-as-enoent"},
      {"exec_failure.long-component-enametoolong", "errors-as-enoent"},
      {"exec_failure.argv-over-limit-e2big", "errors-as-enoent"},
      {"exec_failure.argument-too-long-e2big", "errors-as-enoent"},
      {"exec_failure.program-open-for-writing-etxtbsy", "errors-as-enoent"},
      {"exec_failure.addchdir-error-returned", "action-errors-ignored"},
      {"exec_failure.addfchdir-error-returned", "action-errors-ignored"},
      {"exec_failure.adddup2-error-returned", "action-errors-ignored"},
      {"exec_failure.error-number-not-minus-one", "returns-minus-one"},
      {"exec_failure.failed-child-reaped-every-stage", "zombie"},
      {"exec_failure.spawnp-first-match-wins", "search-order"},
      {"exec_failure.spawnp-eacces-then-found", "eacces-stops-search"},
      {"exec_failure.spawnp-only-eacces-returns-eacces", "eacces-not-remembered"},
      {"exec_failure.spawnp-enotdir-element-skipped", "enotdir-stops-search"},
      {"exec_failure.spawnp-empty-element-is-cwd", "empty-path-element-skipped"},
      {"exec_failure.spawnp-slash-name-not-searched", "slash-name-searched"},
      {"exec_failure.spawnp-long-element-searched", "path-buffer-small"},
      {"exec_failure.spawnp-unset-path-not-cwd", "unset-path-cwd"},
      {"file_actions.dup2-same-fd-clears-cloexec", "dup2-cloexec"},
      {"file_actions.applied-in-order", "order"},
      {"file_actions.dup2-swap-through-temporary", "order"},
      {"file_actions.addopen-append-flag-kept", "oflag-truncated"},
      {"file_actions.addopen-trunc-empties-file", "oflag-truncated"},
      {"file_actions.addopen-creat-mode-under-umask", "creat-mode-ignores-umask"},
      {"file_actions.addopen-cloexec-on-lowest-free-fd-kept", "oflag-truncated"},
      {"file_actions.addopen-cloexec-elsewhere-lost", "cloexec-kept-after-dup2"},
      {"file_actions.addopen-path-copied", "path-not-copied"},
      {"file_actions.addclose-unopened-fd-not-an-error", "close-error-reported"},
      {"file_actions.dup2-onto-implementation-fds", "dup2-low-fd-clobbers-pipe"},
      {"file_actions.dup2-same-fd-unopened-ebadf", "dup2-same-fd-unchecked"},
      {"file_actions.addchdir-then-relative-paths", "order"},
      {"file_actions.addfchdir-changes-cwd", "fchdir-ignored"},
      {"file_actions.addclosefrom-closes-from-fd", "closefrom-closes-pipe"},
      {"file_actions.negative-fd-refused-ebadf", "negative-fd-accepted"},
      {"file_actions.closed-std-fds-get-exactly-what-asked", "std-fds-filled"},
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
      {"suspension.spawn-returns-after-exec", "no-wait-for-exec"},
      {"suspension.spawn-released-at-exec-not-exit", "wait-for-exit"},
      {"signals.fatal-signal-ends-held-caller", "vfork-masked"},
      {"signals.caller-handlers-never-run-in-child", "handlers-not-reset"},
      {"shared_memory.errno-kept-on-success", "errno-clobbered"},
      {"attributes.setsigmask-drops-unblockable", "sigmask-rejects-unblockable"},
      {"attributes.setsid-with-setpgroup-eperm", "pgroup-error-ignored"},
      {"attributes.setpgroup-negative-einval", "pgroup-error-ignored"},
      {"attributes.setpgroup-joins-existing-group", "pgroup-ignored"},
      {"attributes.resetids-effective-from-real", "resetids-ignored"},
      {"attributes.setflags-rejects-unknown", "setflags-accepts-unknown"},
      {"attributes.getters-return-what-was-set", "getters-broken"},
      {"attributes.init-defaults", "init-defaults-wrong"},
      {"argv_envp.argument-of-131071-bytes-passes", "arg-max-precheck"},
      {"argv_envp.total-under-limit-passes", "arg-max-precheck"},
      {"argv_envp.empty-argv-passed-as-is", "argv0-from-path"},
      {"argv_envp.caller-environ-unchanged", "environ-modified"},
      {"parent_state.caller-unchanged-after-failure", "mask-not-restored-on-error"},
      {"concurrency.no-fd-leaks-between-threads", "cloexec-race"},
  };
  return m;
}


class Catches : public ::testing::TestWithParam<const Check*> {};

TEST_P(Catches, BrokenImplementation) {
  const Check& c = *GetParam();
  auto it = catches().find(c.id);
  ASSERT_NE(it, catches().end()) << c.id << " has no broken implementation that proves it can fail";
  Session s("impl:" + test::broken_library(it->second));
  Verdict v = run_check(c, s, Profile::Linux);
  EXPECT_EQ(v.status, Status::Fail) << c.id << " did not catch sc-broken-" << it->second << ": "
                                    << status_name(v.status) << " " << v.reason;
}

TEST_P(Catches, NothingWithoutTheBug) {
  const Check& c = *GetParam();
  Session s("impl:" + test::broken_library("none"));
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
