// The campaign loop on replies it is told to get (tests/support/fake_agent):
// a divergence counts only when it shows again on every confirming run; one
// that does not is kept apart, not a finding; each cause is minimised once
// and the campaign goes on past it; a baselined cause is counted, not kept.
#include "campaign.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "case_build.h"
#include "test_support.h"

namespace sc {
namespace {

// A probe case the model predicts succeeds, answered by a spawn that failed.
constexpr const char* kDiverges =
    "agent 1\nbackend libc\nresult ok\nret EBADF\nstage spawn\npid -1\nwait none\nzombies 0\nerrno 0\n"
    "self 100 100 100\n"
    "before sigmask -\nbefore sigign -\nbefore sigcatch -\nbefore cwd x2f\nbefore umask 0022\n"
    "after sigmask -\nafter sigign -\nafter sigcatch -\nafter cwd x2f\nafter umask 0022\nprobe-missing\nend\n";
// No usable reply: a run that shows nothing either way.
constexpr const char* kBroken = "agent 1\nbackend libc\nresult broken the worker went away\nend\n";

class Campaign : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = test::temp_dir("spawncheck-campaign."); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A session whose n-th run gets replies[n % size].
  Session session(const std::vector<const char*>& replies) {
    Target fake = host_target();
    fake.agent = {SC_FAKE_AGENT};
    for (std::size_t i = 0; i < replies.size(); ++i) {
      std::string file = dir_ + "/reply" + std::to_string(i);
      std::ofstream(file) << replies[i];
      fake.agent.push_back(file);
    }
    return Session("libc", fake);
  }

  static FuzzLimits limits(std::size_t seeds) {
    FuzzLimits l;
    l.seeds.assign(seeds, probe_case("fixed"));
    l.runs = seeds;
    l.minimise_runs = 5;
    return l;
  }

  std::string dir_;
};

TEST_F(Campaign, ADivergenceThatDoesNotShowAgainIsNoFinding) {
  Session s = session({kDiverges, kBroken});  // diverges, then: broken, diverges, broken
  FoundCauses found;
  FuzzStats st = fuzz(s, limits(1), GenConfig{}, found);
  EXPECT_TRUE(st.findings.empty());
  ASSERT_EQ(st.unreproduced.size(), 1u);
  EXPECT_EQ(st.unreproduced[0].divergence.cause.key, "error:EBADF");
  EXPECT_EQ(st.unreproduced[0].shown, 1u);
  EXPECT_EQ(st.unreproduced[0].of, 3u);
  EXPECT_FALSE(found.known("error:EBADF")) << "an unreproduced cause stays open for a run that reproduces it";
}

TEST_F(Campaign, EachCauseIsMinimisedOnceAndTheCampaignGoesOn) {
  Session s = session({kDiverges});
  FoundCauses found;
  FuzzStats st = fuzz(s, limits(3), GenConfig{}, found);
  EXPECT_EQ(st.unusable, 0u) << st.first_unusable;
  EXPECT_EQ(st.runs, 3u);
  ASSERT_EQ(st.findings.size(), 1u);
  EXPECT_EQ(st.findings[0].divergence.cause.key, "error:EBADF");
  EXPECT_EQ(st.findings[0].run, 0u);
  EXPECT_EQ(st.repeats, 2u);
  EXPECT_TRUE(st.unreproduced.empty());
}

TEST_F(Campaign, StopOnFirstEndsAtTheFirstFinding) {
  Session s = session({kDiverges});
  FoundCauses found;
  auto l = limits(3);
  l.stop_on_first = true;
  FuzzStats st = fuzz(s, l, GenConfig{}, found);
  EXPECT_EQ(st.runs, 1u);
  EXPECT_EQ(st.findings.size(), 1u);
}

TEST_F(Campaign, ABaselinedCauseIsCountedNotKept) {
  Session s = session({kDiverges});
  FoundCauses found({"error:EBADF"});
  FuzzStats st = fuzz(s, limits(2), GenConfig{}, found);
  EXPECT_TRUE(st.findings.empty());
  EXPECT_EQ(st.baselined, 2u);
  EXPECT_EQ(st.repeats, 0u);
  EXPECT_FALSE(found.claim("error:EBADF"));
}

}  // namespace
}  // namespace sc
