// The commands that read case files without running them: `fmt` rewrites
// them canonically (or, with --check, says which it would), `explain`
// prints the model's prediction, and `--version` says what this build is.
#include <gtest/gtest.h>

#include "test_support.h"

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using sc::test::spawncheck;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

constexpr std::string_view kRelaxed =
    "spawncheck-case 1\n"
    "name relaxed\n"
    "call posix_spawn \"bin/probe\"\n"
    "argv \"probe\"\n"
    "envp\n"
    "parent umask 0022\n"
    "fixture probe \"bin/probe\"\n"
    "action addopen 4 \"out\" O_CREAT|O_WRONLY 644  # created\n";
constexpr std::string_view kCanonical =
    "spawncheck-case 1\n"
    "name relaxed\n"
    "fixture probe \"bin/probe\"\n"
    "call posix_spawn \"bin/probe\"\n"
    "argv \"probe\"\n"
    "envp\n"
    "# created\n"
    "action addopen 4 \"out\" O_WRONLY|O_CREAT 0644\n";

TEST(CaseCommands, FmtCheckListsWhatFmtRewrites) {
  const fs::path dir = sc::test::temp_dir("spawncheck-fmt.");
  fs::create_directories(dir / "sub");
  write(dir / "sub" / "a.case", std::string(kRelaxed));
  write(dir / "b.case", std::string(kCanonical));
  write(dir / "notes.txt", "not a case");

  auto check = spawncheck("fmt --check " + dir.string());
  EXPECT_EQ(check.status, 1) << check.output;
  EXPECT_EQ(check.output, (dir / "sub" / "a.case").string() + "\n");
  EXPECT_EQ(slurp(dir / "sub" / "a.case"), kRelaxed) << "--check changed the file";

  auto rewrite = spawncheck("fmt " + dir.string());
  EXPECT_EQ(rewrite.status, 0) << rewrite.output;
  EXPECT_EQ(rewrite.output, (dir / "sub" / "a.case").string() + "\n");
  EXPECT_EQ(slurp(dir / "sub" / "a.case"), kCanonical);
  EXPECT_EQ(slurp(dir / "notes.txt"), "not a case");

  auto again = spawncheck("fmt --check " + dir.string() + " " + (dir / "b.case").string());
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_EQ(again.output, "");
  fs::remove_all(dir);
}

TEST(CaseCommands, FmtOfAFileItCannotReadIsExit2WithTheError) {
  const fs::path dir = sc::test::temp_dir("spawncheck-fmt.");
  const std::string bad = "spawncheck-case 1\nname bad\nparent umask 0999\n";
  write(dir / "bad.case", bad);
  write(dir / "ok.case", std::string(kRelaxed));
  auto o = spawncheck("fmt " + dir.string());
  EXPECT_EQ(o.status, 2) << o.output;
  EXPECT_NE(o.output.find("spawncheck: " + (dir / "bad.case").string() + ":3:14: expected a umask in octal"),
            std::string::npos)
      << o.output;
  EXPECT_EQ(slurp(dir / "bad.case"), bad);
  EXPECT_EQ(slurp(dir / "ok.case"), kCanonical) << "the readable file is still formatted";
  EXPECT_EQ(spawncheck("fmt --check " + (dir / "bad.case").string()).status, 2);
  fs::remove_all(dir / "bad.case");
  fs::remove_all(dir / "ok.case");
  auto none = spawncheck("fmt --check " + dir.string());
  EXPECT_EQ(none.status, 2) << "nothing checked is not a success: " << none.output;
  EXPECT_EQ(spawncheck("fmt --check " + (dir / "missing.case").string()).status, 2);
  fs::remove_all(dir);
}

// explain predicts without an agent: no scratch directory is made.
TEST(CaseCommands, ExplainPrintsThePredictionAndRunsNothing) {
  const fs::path dir = sc::test::temp_dir("spawncheck-explain.");
  auto o = sc::test::shell("TMPDIR=" + dir.string() + " " + SC_SPAWNCHECK + " explain " + SC_CORPUS_DIR +
                           "/examples/dup2-same-fd-clears-cloexec.case");
  EXPECT_EQ(o.status, 0) << o.output;
  for (const char* s : {"case dup2-same-fd-clears-cloexec (", "under --profile linux --expect posix",
                        "the call returns 0; the program runs with", "  argv     \"probe\"\n", "  envp     (none)\n",
                        "  cwd      \".\"", "    3   path:data.txt (reg), O_RDWR|O_APPEND, no FD_CLOEXEC, offset 5\n",
                        "  blocked  (none)\n", "  umask    0022\n", "  pgroup   the caller's\n", "reasoning:\n",
                        "adddup2 3 3"})
    EXPECT_NE(o.output.find(s), std::string::npos) << s << "\n" << o.output;
  EXPECT_TRUE(fs::is_empty(dir)) << "explain made a scratch directory";
  fs::remove_all(dir);
}

// glibc refuses an fd at or above RLIMIT_NOFILE when the action is added,
// musl ignores an addclose of it (docs/divergences.md): POSIX allows both.
TEST(CaseCommands, ExplainShowsEveryAllowedOutcomeUnlessAnExpectationNarrowsIt) {
  const fs::path dir = sc::test::temp_dir("spawncheck-explain.");
  write(dir / "c.case", "spawncheck-case 1\nname big-close\nfixture probe \"p\"\ncall posix_spawn \"p\"\nargv \"p\"\n"
                        "envp\naction addclose 1048575\n");
  // Below the fd, whatever limit the test runs under.
  auto explain = [&](const std::string& args) {
    return sc::test::shell("ulimit -Sn 1024; " + std::string(SC_SPAWNCHECK) + " explain " + args);
  };
  auto posix = explain((dir / "c.case").string());
  auto glibc = explain("--expect glibc " + (dir / "c.case").string());
  auto musl = explain("--expect musl " + (dir / "c.case").string());
  for (const char* s : {"3 outcomes are allowed",
                        "\n1. the call returns EBADF from posix_spawn_file_actions_addclose (action 1); the program "
                        "does not run\n   where fd-limit: add time",
                        "\n2. the call returns 0; the program runs with", "   where fd-limit: spawn time",
                        "\n3. the call returns EBADF; the program does not run\n   where fd-limit: spawn time",
                        "   where addclose-unopened: EBADF"})
    EXPECT_NE(posix.output.find(s), std::string::npos) << s << "\n" << posix.output;
  EXPECT_NE(glibc.output.find("the call returns EBADF from posix_spawn_file_actions_addclose (action 1)"),
            std::string::npos)
      << glibc.output;
  EXPECT_EQ(glibc.output.find("outcomes are allowed"), std::string::npos) << glibc.output;
  EXPECT_NE(musl.output.find("the call returns 0; the program runs with"), std::string::npos) << musl.output;
  EXPECT_EQ(spawncheck("explain --expect nonsuch " + (dir / "c.case").string()).status, 2);
  write(dir / "u.case", "spawncheck-case 1\nname unpredictable\nfixture fifo \"q\" 0600\nfixture probe \"p\"\n"
                        "call posix_spawn \"p\"\nargv \"p\"\nenvp\naction addopen 3 \"q\" O_RDONLY 0\n");
  auto u = spawncheck("explain " + (dir / "u.case").string());
  EXPECT_EQ(u.status, 1) << u.output;
  EXPECT_NE(u.output.find("the model cannot predict this case: "), std::string::npos) << u.output;
  fs::remove_all(dir);
}

TEST(CaseCommands, VersionSaysWhatThisBuildIsAndSpeaks) {
  auto o = spawncheck("--version");
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_TRUE(o.output.starts_with("spawncheck ")) << o.output;
  for (const char* s : {"\ngit revision: ", "\nwire protocol: 1\n", "\ncase format: 1\n", "\ntargets: host"})
    EXPECT_NE(o.output.find(s), std::string::npos) << s << "\n" << o.output;
}

}  // namespace
