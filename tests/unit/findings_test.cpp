// Findings: FAILs of one cause are one finding; a baseline accepts a cause
// for the checks it names and no others; the exit status follows the
// findings; the written forms carry them.
#include "findings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports.h"

namespace sc {
namespace {

const Cause kExit127{"exit-127:unexpected", "the child exits 127"};
const Cause kSetflags{"refused:posix_spawnattr_setflags:EINVAL", "setflags returns EINVAL"};

struct Fixture {
  Check a{"attributes.a", Class::attributes, Profile::Posix, "s", "q", {}, {}};
  Check b{"attributes.b", Class::attributes, Profile::Posix, "s", "q", {}, {}};
  Check c{"signals.c", Class::signals, Profile::Posix, "s", "q", {}, {}};
  Check d{"signals.d", Class::signals, Profile::Posix, "s", "q", {}, {}};
  Check e{"signals.e", Class::signals, Profile::Posix, "s", "q", {}, {}};
  std::vector<Result> results{
      {&a, "impl", Verdict::fail("a", {}, kExit127), 0},
      {&b, "impl", Verdict::fail("b", {}, kSetflags), 0},
      {&c, "impl", Verdict::pass(), 0},
      {&d, "impl", Verdict::fail("d", {}, kExit127), 0},
      {&e, "impl", Verdict::fail("e"), 0},  // a cause of its own
  };
};

TEST(Findings, GroupsFailsByCauseInOrderOfFirstFail) {
  Fixture f;
  auto got = findings(f.results);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].cause, kExit127);
  ASSERT_EQ(got[0].results.size(), 2u);
  EXPECT_EQ(got[0].results[0]->check, &f.a);
  EXPECT_EQ(got[0].results[1]->check, &f.d);
  EXPECT_EQ(got[1].cause, kSetflags);
  EXPECT_EQ(got[2].cause.key, "signals.e");  // named for the check
  for (const auto& x : got) EXPECT_FALSE(x.baselined);
  EXPECT_EQ(exit_status(summarise(f.results), summarise(got, {})), 1);
}

TEST(Findings, BaselineAcceptsACauseOnlyForTheChecksItNames) {
  Fixture f;
  Baseline base{{kExit127.key, {"attributes.a"}}, {kSetflags.key, {"attributes.b"}}, {"signals.e", {"signals.e"}}};
  auto got = findings(f.results, base);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_FALSE(got[0].baselined) << "exit-127 reached signals.d, which the baseline does not name";
  ASSERT_EQ(got[0].beyond.size(), 1u);
  EXPECT_EQ(got[0].beyond[0]->check, &f.d);
  EXPECT_TRUE(got[1].baselined);
  EXPECT_TRUE(got[2].baselined);
  auto s = summarise(got, base);
  EXPECT_EQ(s.failing, 1);
  EXPECT_EQ(s.baselined, 2);
  EXPECT_EQ(exit_status(summarise(f.results), s), 1);

  base[kExit127.key].insert("signals.d");
  got = findings(f.results, base);
  s = summarise(got, base);
  EXPECT_EQ(s.failing, 0);
  EXPECT_EQ(exit_status(summarise(f.results), s), 0) << "every finding accepted";
}

TEST(Findings, ABaselinedCauseThatNoLongerOccursIsNamed) {
  Fixture f;
  Baseline base{{"handler-in-child", {"signals.c"}}};
  auto s = summarise(findings(f.results, base), base);
  ASSERT_EQ(s.gone.size(), 1u);
  EXPECT_EQ(s.gone[0], "handler-in-child");
}

TEST(Findings, NothingApplicableIsNeverSuccess) {
  Fixture f;
  std::vector<Result> none{{&f.c, "impl", Verdict::not_applicable("posix"), 0}};
  EXPECT_EQ(exit_status(summarise(none), summarise(findings(none), {})), 2);
  std::vector<Result> broke{{&f.c, "impl", Verdict::pass(), 0}, {&f.d, "impl", Verdict::broken("agent"), 0}};
  EXPECT_EQ(exit_status(summarise(broke), summarise(findings(broke), {})), 2);
}

TEST(Baseline, WrittenAndReadBackAcceptsTheSameFindings) {
  Fixture f;
  auto dir = std::filesystem::temp_directory_path() / ("sc-findings-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "baseline.json").string();
  auto report = run_report(f.results, Profile::Posix);
  ASSERT_EQ(write_baseline(file, report), "");
  Baseline read;
  ASSERT_EQ(read_baseline(file, read), "");
  EXPECT_EQ(read, (Baseline{{kExit127.key, {"attributes.a", "signals.d"}},
                            {kSetflags.key, {"attributes.b"}},
                            {"signals.e", {"signals.e"}}}));
  std::filesystem::remove_all(dir);
}

TEST(Baseline, MalformedFilesAreRefusedWithTheReason) {
  auto dir = std::filesystem::temp_directory_path() / ("sc-baseline-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto refuse = [&](const std::string& text, const std::string& want) {
    const std::string file = (dir / "b.json").string();
    std::ofstream(file) << text;
    Baseline b;
    auto e = read_baseline(file, b);
    EXPECT_NE(e.find(want), std::string::npos) << text << " -> " << e;
  };
  refuse("{", "not a spawncheck baseline");
  refuse(R"({"spawncheck-baseline": 2, "findings": []})", "not a spawncheck baseline");
  refuse(R"({"spawncheck-baseline": 1})", "not a spawncheck baseline");
  refuse(R"({"spawncheck-baseline": 1, "findings": [{"checks": []}]})", "without a \"cause\"");
  refuse(R"({"spawncheck-baseline": 1, "findings": [{"cause": "x"}]})", "without a \"checks\" list");
  refuse(R"({"spawncheck-baseline": 1, "findings": [{"cause": "x", "checks": [1]}]})", "not a string");
  Baseline b;
  EXPECT_NE(read_baseline((dir / "absent.json").string(), b).find("ENOENT"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Reports, CarryTheFindings) {
  Fixture f;
  auto report = run_report(f.results, Profile::Posix, {{kSetflags.key, {"attributes.b"}}});
  std::ostringstream text, json, junit;
  write_text(text, report);
  write_json(json, report);
  write_junit(junit, report);
  EXPECT_NE(text.str().find("1. the child exits 127 [exit-127:unexpected]\n     2 check(s): attributes.a signals.d"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("3 finding(s), 1 baselined"), std::string::npos) << text.str();
  EXPECT_NE(json.str().find("\"cause\": \"exit-127:unexpected\""), std::string::npos);
  EXPECT_NE(json.str().find("\"baselined\": true"), std::string::npos);
  // The baselined FAIL is a skip, so an accepted deviation leaves a dashboard green.
  EXPECT_NE(junit.str().find("failures=\"3\""), std::string::npos) << junit.str();
  EXPECT_NE(junit.str().find("<skipped message=\"BASELINED: [setflags returns EINVAL] b\"/>"), std::string::npos)
      << junit.str();
  EXPECT_NE(junit.str().find("name=\"finding:exit-127:unexpected\""), std::string::npos);
}

}  // namespace
}  // namespace sc
