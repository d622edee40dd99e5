// The spawncheck command's contract with its callers: exit 0 / 1 / 2, one
// clear line for bad input, the failed check named.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "test_support.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using sc::test::Ran;
using sc::test::spawncheck;


TEST(Cli, HostLibcPassesUnderTheLinuxProfile) {
  auto o = spawncheck("check");
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_NE(o.output.find("0 failed"), std::string::npos) << o.output;
}

TEST(Cli, RefcorePasses) {
  auto o = spawncheck("check --backend refcore");
  EXPECT_EQ(o.status, 0) << o.output;
}

TEST(Cli, ExecFailureReportedAsSuccessFailsNamingTheCheck) {
  auto o = spawncheck("check --impl " + sc::test::broken_library("exec-success"));
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("FAIL        exec_failure.missing-program-returns-enoent"), std::string::npos) << o.output;
}

TEST(Cli, MissingImplIsAUsageError) {
  auto o = spawncheck("check --impl /nonexistent/libnothing.so");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.output, "spawncheck: --impl: stat(/nonexistent/libnothing.so): ENOENT\n");
}

TEST(Cli, ImplWithoutARequiredSymbolIsASetupError) {
  auto o = spawncheck("check --impl " + sc::test::broken_library("missing-symbol"));
  EXPECT_EQ(o.status, 2) << o.output;
  EXPECT_NE(o.output.find("missing symbol posix_spawnp"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
}

// A spawn that crashes or hangs the caller is the implementation's bug, not
// trouble with the setup: a finding (exit 1), and the run goes on.
TEST(Cli, ImplCrashingEveryCallIsOneFinding) {
  auto o = spawncheck("check --impl " + sc::test::broken_library("crash") + " --filter 'argv_envp.*'");
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("1. the implementation crashes the caller (SIGSEGV) [crash:SIGSEGV]"), std::string::npos)
      << o.output;
  EXPECT_NE(o.output.find("; 1 finding(s)"), std::string::npos) << o.output;
}

TEST(Cli, ImplHangingEveryCallIsOneFindingJudgedWithoutWaitingOutEveryTimeout) {
  auto o = spawncheck("check --impl " + sc::test::broken_library("hang") + " --filter 'argv_envp.*' --timeout-ms 1000");
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("[hang]"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("hung the caller past the timeout (1000 ms)"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("hung the caller past the timeout (250 ms, shortened from 1000 ms after 3 requests in a "
                          "row hung)"),
            std::string::npos)
      << o.output;
}

TEST(Cli, UnknownBackendAndOptionAreUsageErrors) {
  EXPECT_EQ(spawncheck("check --backend nosuch").status, 2);
  EXPECT_EQ(spawncheck("check --no-such-option").status, 2);
  EXPECT_EQ(spawncheck("").status, 2);
}

TEST(Cli, FilterMatchingNothingIsNotASuccess) {
  auto o = spawncheck("check --filter 'no-such-check*'");
  EXPECT_EQ(o.status, 2) << o.output;
}

TEST(Cli, OnlyInapplicableChecksIsNotASuccess) {
  auto o = spawncheck("check --profile posix --filter 'suspension.*'");
  EXPECT_EQ(o.status, 2) << o.output;
}

TEST(Cli, MalformedCaseNamesFileLineAndColumn) {
  auto dir = std::filesystem::temp_directory_path() / "spawncheck-cli-test";
  std::filesystem::create_directories(dir);
  auto file = dir / "bad.case";
  std::ofstream(file) << "spawncheck-case 1\nname bad\ncall posix_spawn bin/probe\n";
  auto o = spawncheck("replay " + file.string());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.output.find(file.string() + ":3:"), std::string::npos) << o.output;
}

TEST(Cli, ReplayOfAnExampleMatchesTheModelOnTwoBackends) {
  auto o = spawncheck(std::string("replay --backend libc --backend refcore ") + SC_CORPUS_DIR + "/examples/*.case");
  EXPECT_EQ(o.status, 0) << o.output;
}

TEST(Cli, JunitAndJsonReportsAreWritten) {
  auto dir = std::filesystem::temp_directory_path() / "spawncheck-cli-report";
  std::filesystem::create_directories(dir);
  auto junit = spawncheck("check --filter 'fd_table.*' --format junit --output " + (dir / "r.xml").string());
  auto json = spawncheck("check --filter 'fd_table.*' --format json --output " + (dir / "r.json").string());
  std::ifstream x(dir / "r.xml"), j(dir / "r.json");
  std::string xs((std::istreambuf_iterator<char>(x)), {}), js((std::istreambuf_iterator<char>(j)), {});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(junit.status, 0) << junit.output;
  EXPECT_EQ(json.status, 0) << json.output;
  // The class grows; what matters is one suite with every check passing.
  EXPECT_NE(xs.find("<testsuite name=\"spawncheck-linux\" tests=\""), std::string::npos) << xs;
  EXPECT_NE(xs.find("\" failures=\"0\" errors=\"0\""), std::string::npos) << xs;
  EXPECT_NE(js.find("\"status\": \"PASS\""), std::string::npos) << js;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p);
  return {std::istreambuf_iterator<char>(f), {}};
}

TEST(Cli, MatrixWritesThreeReportsNamingEveryColumn) {
  auto dir = std::filesystem::temp_directory_path() / "spawncheck-cli-matrix";
  std::filesystem::remove_all(dir);
  auto o = spawncheck("matrix --targets host --backend libc --backend refcore --filter 'fd_table.*' --out " +
                      dir.string());
  std::string md = slurp(dir / "matrix.md"), html = slurp(dir / "matrix.html"), xml = slurp(dir / "matrix.xml");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_NE(o.output.find("matrix: host / libc: "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("matrix: host / refcore: "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("wrote " + (dir / "matrix.html").string()), std::string::npos) << o.output;
  for (const auto* text : {&md, &html, &xml}) {
    EXPECT_NE(text->find("host / libc"), std::string::npos) << *text;
    EXPECT_NE(text->find("host / refcore"), std::string::npos) << *text;
  }
  EXPECT_NE(md.find("| `fd_table."), std::string::npos) << md;
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(xml.find("<testsuite name=\"host / refcore\""), std::string::npos) << xml;
}

TEST(Cli, MatrixKeepsAColumnThatCannotRunAsBroken) {
  auto dir = std::filesystem::temp_directory_path() / "spawncheck-cli-matrix-broken";
  std::filesystem::remove_all(dir);
  auto o = spawncheck("matrix --targets host --backend libc --impl " + sc::test::broken_library("missing-symbol") +
                      " --filter 'fd_table.*' --out " + dir.string());
  std::string xml = slurp(dir / "matrix.xml");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(o.status, 2) << o.output;
  EXPECT_NE(o.output.find("matrix: host / libc: "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("0 PASS, 0 FAIL"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("missing symbol posix_spawnp"), std::string::npos) << o.output;
  EXPECT_NE(xml.find("<error message=\"backend impl:"), std::string::npos) << xml;
  EXPECT_NE(xml.find("failures=\"0\" errors=\"0\""), std::string::npos) << "the libc column still passes: " << xml;
}

TEST(Cli, MatrixOfAnUnbuiltTargetIsAUsageError) {
  auto o = spawncheck("matrix --targets host,no-such-target --out /nonexistent/never-written");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.output.find("no-such-target"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
}

// A CI timeout, `timeout` or a service manager ends a long run with
// SIGTERM: the run stops between two cases, prints what it has, removes its
// scratch directory and ends by the same signal (the waiting shell says 143).
TEST(Cli, TermStopsAFuzzCampaignAndLeavesNothingBehind) {
  const std::filesystem::path dir = sc::test::temp_dir("spawncheck-term."), scratch = dir / "tmp", out = dir / "out";
  std::filesystem::create_directories(scratch);
  std::filesystem::create_directories(out);
  // Background jobs of sh ignore SIGINT, not SIGTERM.
  auto o = sc::test::shell("TMPDIR=" + scratch.string() + " " + SC_SPAWNCHECK + " fuzz --max-time 60 --out " +
                           out.string() + " & p=$!; for i in $(seq 200); do ls " + scratch.string() +
                           "/spawncheck.* >/dev/null 2>&1 && break; sleep 0.05; done; sleep 1; "
                           "kill -TERM $p; wait $p; echo exit=$?");
  EXPECT_NE(o.output.find("spawncheck: interrupted by SIGTERM\n"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(" runs, "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("exit=143"), std::string::npos) << o.output;
  EXPECT_TRUE(std::filesystem::is_empty(scratch)) << "the interrupted run left its scratch directory";
  std::filesystem::remove_all(dir);
}

}  // namespace
