// The harness survives implementations that crash or hang, restarts what it
// must, and leaves no process, fd or file behind.
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "agent_client.h"
#include "case_build.h"
#include "judge.h"
#include "session.h"
#include "test_support.h"

namespace sc {
namespace {


int open_fds() {
  int n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

std::set<pid_t> children() {
  std::set<pid_t> out;
  for (auto& t : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream f(t.path() / "children");
    pid_t p;
    while (f >> p) out.insert(p);
  }
  return out;
}

class Hygiene : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = test::temp_dir("spawncheck-hygiene.");
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    fds_ = open_fds();
  }
  void TearDown() override {
    EXPECT_EQ(open_fds(), fds_) << "the harness leaked file descriptors";
    EXPECT_TRUE(children().empty()) << "the harness left child processes";
    EXPECT_TRUE(std::filesystem::is_empty(tmp_)) << "the harness left files in TMPDIR";
    std::filesystem::remove_all(tmp_);
    ::unsetenv("TMPDIR");
  }
  std::string tmp_;
  int fds_ = 0;
};

TEST_F(Hygiene, CrashingImplementationIsAFailAndTheRunContinues) {
  Session s("impl:" + test::broken_library("crash"), host_target(), 2000);
  sc::Run r = predict_and_run(s, probe_case("crash"));
  EXPECT_TRUE(r.crashed) << r.trouble;
  auto v = trouble(r, probe_case("crash"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, Status::Fail);
  // The next request is served: the agent (or its worker) was replaced.
  sc::Run again = predict_and_run(s, probe_case("crash-again"));
  EXPECT_TRUE(again.crashed);
}

TEST_F(Hygiene, HangingImplementationIsKilledAfterTheTimeout) {
  Session s("impl:" + test::broken_library("hang"), host_target(), 500);
  auto t0 = std::chrono::steady_clock::now();
  sc::Run r = predict_and_run(s, probe_case("hang"));
  auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_TRUE(r.crashed) << r.trouble;
  EXPECT_LT(waited, std::chrono::seconds(10));
}

TEST_F(Hygiene, HealthyRunsLeaveNothingBehind) {
  {
    Session s("refcore");
    for (int i = 0; i < 20; ++i) {
      sc::Run r = predict_and_run(s, probe_case("healthy"));
      ASSERT_TRUE(r.trouble.empty()) << r.trouble;
      ASSERT_TRUE(r.observed.outcome.child.has_value());
    }
  }
}

}  // namespace
}  // namespace sc
