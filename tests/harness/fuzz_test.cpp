// `spawncheck fuzz` end to end: it finds the planted bug of a broken
// implementation, minimises it, writes a reproducer `replay` confirms, and
// finds nothing on the host libc.
#include <stdlib.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "case_format.h"
#include "campaign.h"
#include "generate.h"
#include "session.h"
#include "test_support.h"

namespace sc {
namespace {

using test::Ran;
using test::spawncheck;


class FuzzCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = test::temp_dir("spawncheck-fuzz-test-"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::filesystem::path> reproducers() const {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) out.push_back(e.path());
    return out;
  }
  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::string dir_;
};

TEST_F(FuzzCli, HostLibcAgreesWithTheModel) {
  auto o = spawncheck("fuzz --backend libc --runs 300 --out " + dir_);
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_NE(o.output.find("fuzz: 300 runs, "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(" execs/s, surface "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(", 0 finding(s)"), std::string::npos) << o.output;
  EXPECT_TRUE(reproducers().empty());
}

// The corpus runs first, then mutants of it interleave with generated
// cases; all agree with the model on the host libc.
TEST_F(FuzzCli, CorpusSeedsAndTheirMutantsAgree) {
  auto examples = std::filesystem::path(SC_CORPUS_DIR) / "examples";
  auto o = spawncheck("fuzz --backend libc --runs 200 --corpus " + examples.string() + " --out " + dir_);
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_NE(o.output.find("fuzz: 200 runs, "), std::string::npos) << o.output;
  EXPECT_TRUE(reproducers().empty());
}

TEST_F(FuzzCli, UnreadableCorpusIsASetupError) {
  std::ofstream(dir_ + "/bad.case") << "not a case\n";
  EXPECT_EQ(spawncheck("fuzz --runs 1 --corpus " + dir_ + " --out " + dir_).status, 2);
}

// The same seed and corpus, the same cases.
TEST(FuzzCases, DeterministicForASeed) {
  FuzzLimits a, b;
  a.seed = b.seed = 7;
  Case seed = generate_case(3);
  a.corpus = b.corpus = {seed};
  for (std::uint64_t n = 0; n < 200; ++n)
    EXPECT_EQ(fuzz_case(a, a.corpus, n, GenConfig{}), fuzz_case(b, b.corpus, n, GenConfig{})) << n;
}

TEST_F(FuzzCli, UnknownImplIsASetupError) {
  EXPECT_EQ(spawncheck("fuzz --impl /nonexistent/libnothing.so --runs 1").status, 2);
}

class FuzzFinds : public FuzzCli, public ::testing::WithParamInterface<const char*> {};

TEST_P(FuzzFinds, AMinimalReproducerThatReplayConfirms) {
  auto o = spawncheck("fuzz --impl " + test::broken_library(GetParam()) + " --runs 3000 --stop-on-first --out " + dir_);
  ASSERT_EQ(o.status, 1) << o.output;
  auto files = reproducers();
  ASSERT_EQ(files.size(), 1u) << o.output;
  EXPECT_TRUE(files[0].filename().string().starts_with("divergence-1-")) << files[0];
  std::string text = slurp(files[0]);
  auto c = parse_case(text, files[0].string());
  ASSERT_TRUE(c) << c.error;
  EXPECT_LE(c.value->actions.size(), 3u) << text;
  EXPECT_EQ(text.front(), '#') << text;

  EXPECT_EQ(spawncheck("replay --impl " + test::broken_library(GetParam()) + " " + files[0].string()).status, 1) << text;
  // The host libc agrees with the model on it: the divergence is the implementation's.
  EXPECT_EQ(spawncheck("replay " + files[0].string()).status, 0) << text;

  // The same seed, the same reproducer.
  std::filesystem::remove(files[0]);
  auto again = spawncheck("fuzz --impl " + test::broken_library(GetParam()) + " --runs 3000 --stop-on-first --out " +
                          dir_);
  // The finding line, not the status line after it, which has the rate.
  auto finding_line = [](const std::string& out) { return out.substr(0, out.find('\n')); };
  EXPECT_EQ(finding_line(again.output), finding_line(o.output));
  ASSERT_EQ(reproducers().size(), 1u);
  EXPECT_EQ(slurp(reproducers()[0]), text);
}

INSTANTIATE_TEST_SUITE_P(Broken, FuzzFinds, ::testing::Values("dup2-cloexec", "order"));

// Past its first finding a campaign goes on: one reproducer per cause, each
// confirmed by replay; a baseline naming those causes lets it run its whole
// length without one.
TEST_F(FuzzCli, GoesOnPastAFindingAndABaselineAcceptsWhatItFound) {
  const std::string lib = test::broken_library("dup2-cloexec");
  auto o = spawncheck("fuzz --impl " + lib + " --runs 3000 --out " + dir_);
  ASSERT_EQ(o.status, 1) << o.output;
  auto files = reproducers();
  ASSERT_GE(files.size(), 2u) << o.output;
  for (const auto& f : files) EXPECT_EQ(spawncheck("replay --impl " + lib + " " + f.string()).status, 1) << slurp(f);
  EXPECT_NE(o.output.find(std::to_string(files.size()) + " finding(s), "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(" repeat(s)"), std::string::npos) << o.output;

  // Each line names its cause: "fuzz: divergence at run N [cause] (...".
  std::set<std::string> causes;
  for (auto at = o.output.find("fuzz: divergence at run "); at != std::string::npos;
       at = o.output.find("fuzz: divergence at run ", at + 1)) {
    auto open = o.output.find('[', at), close = o.output.find(']', at);
    causes.insert(o.output.substr(open + 1, close - open - 1));
  }
  EXPECT_EQ(causes.size(), files.size()) << "one reproducer per cause:\n" << o.output;
  const std::string file = dir_ + "/baseline.json";
  {
    std::ofstream b(file);
    b << "{\"spawncheck-baseline\": 1, \"findings\": [";
    for (auto it = causes.begin(); it != causes.end(); ++it)
      b << (it == causes.begin() ? "" : ", ") << "{\"cause\": \"" << *it << "\", \"checks\": []}";
    b << "]}\n";
  }
  for (const auto& f : files) std::filesystem::remove(f);
  auto accepted = spawncheck("fuzz --impl " + lib + " --runs 3000 --baseline " + file + " --out " + dir_);
  EXPECT_EQ(accepted.status, 0) << accepted.output;
  EXPECT_NE(accepted.output.find("fuzz: 3000 runs, "), std::string::npos) << accepted.output;
  EXPECT_NE(accepted.output.find(", 0 finding(s)"), std::string::npos) << accepted.output;
  EXPECT_NE(accepted.output.find(" baselined"), std::string::npos) << accepted.output;
  EXPECT_EQ(reproducers().size(), 1u) << "only the baseline file";
}

// Over the whole fd range, what fuzzing finds is the planted bug: the
// correct core (sc-broken-none) passes the reproducer.
class FuzzFindsPlanted : public FuzzCli, public ::testing::WithParamInterface<const char*> {};

TEST_P(FuzzFindsPlanted, NotTheSharedCore) {
  Session s("impl:" + test::broken_library(GetParam()));
  FuzzLimits limits;
  limits.runs = 3000;
  const ModelEnv& env = s.model_env();
  FoundCauses found;
  FuzzStats st = fuzz(s, limits, GenConfig{env.nofile, env.arg_max}, found);
  ASSERT_FALSE(st.findings.empty()) << st.runs << " runs";
  for (const auto& f : st.findings) {
    EXPECT_LE(f.minimised.actions.size(), 3u) << print_case(f.minimised);
    std::filesystem::path file = std::filesystem::path(dir_) / "planted.case";
    std::ofstream(file, std::ios::binary) << print_case(f.minimised);
    EXPECT_EQ(spawncheck("replay --impl " + test::broken_library(GetParam()) + " " + file.string()).status, 1);
    EXPECT_EQ(spawncheck("replay --impl " + test::broken_library("none") + " " + file.string()).status, 0)
        << print_case(f.minimised);
  }
}

INSTANTIATE_TEST_SUITE_P(Broken, FuzzFindsPlanted,
                         ::testing::Values("dup2-cloexec", "order", "dup2-low-fd-clobbers-pipe"));

}  // namespace
}  // namespace sc
