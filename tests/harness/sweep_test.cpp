// Scratch directories of killed runs: a run ended by SIGKILL cannot clean
// up, so the next run removes what it left; a live run's directory and
// anything spawncheck did not create and mark are never touched.
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "scratch_owner.h"
#include "test_support.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// A spawncheck command line with TMPDIR set to tmp.
std::string in_tmp(const fs::path& tmp, const std::string& args) {
  return "TMPDIR=" + tmp.string() + " " + SC_SPAWNCHECK + " " + args;
}

// Runs a check in the background until its scratch directory exists, then
// `then` (shell) with $p its pid. A library that hangs keeps the run going
// for timeout_ms, as long as the test needs.
std::string start_then(const fs::path& tmp, const std::string& then, unsigned timeout_ms) {
  const std::string hang = in_tmp(tmp, "check --impl " + test::broken_library("hang") +
                                           " --timeout-ms " + std::to_string(timeout_ms));
  return hang + " >/dev/null 2>&1 & p=$!; for i in $(seq 400); do ls " + tmp.string() +
         "/spawncheck.*/sc/probe >/dev/null 2>&1 && break; sleep 0.025; done; " + then;
}

// A marker as this process writes it, with its start time replaced: what
// a dead owner's marker looks like when its pid went to another process.
std::string marker_with_start(const std::string& start) {
  std::string m = owner_marker();
  auto at = m.find("\nstart ") + 7;
  return m.replace(at, m.find('\n', at) - at, start);
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

class Sweep : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = test::temp_dir("spawncheck-sweep.");
    tmp_ = base_ / "tmp";
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_, tmp_;
};

TEST_F(Sweep, KilledCheckLeavesItsDirectoryAndTheNextRunRemovesIt) {
  // The killed run's agent outlives it until its worker's request times
  // out (the hanging call): it comes to us to be reaped, not to init.
  struct Subreaper {
    Subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }
    ~Subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 0); }
  } subreaper;
  auto o = test::shell(start_then(tmp_, "kill -KILL $p; wait $p; echo exit=$?", 4000));
  ASSERT_NE(o.output.find("exit=137"), std::string::npos) << o.output;
  auto left = entries(tmp_);
  ASSERT_EQ(left.size(), 1u) << "SIGKILL leaves the scratch directory (nothing can remove it then)";
  EXPECT_TRUE(fs::exists(tmp_ / *left.begin() / kOwnerMarker));

  auto next = test::shell(in_tmp(tmp_, "check --filter exec_failure.missing-program-returns-enoent"));
  EXPECT_EQ(next.status, 0) << next.output;
  EXPECT_TRUE(fs::is_empty(tmp_)) << "the next run did not remove " << *left.begin();
  // The orphaned agent ends within its 4 s bound; bounded wait for it.
  for (int i = 0; i < 200; ++i) {
    pid_t pid = ::waitpid(-1, nullptr, WNOHANG);
    if (pid < 0) break;  // ECHILD: nothing left
    if (pid == 0) ::usleep(50000);
  }
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1) << "a process of the killed run is still running";
}

TEST_F(Sweep, LiveRunsAndForeignDirectoriesAreNeverTouched) {
  const std::string dead = marker_with_start("1");
  // Not ours to judge or not spawncheck's: each must survive.
  fs::create_directories(tmp_ / "spawncheck.nomark");     // no marker
  fs::create_directories(tmp_ / "spawncheck.badmrk");     // a marker that is not one
  write(tmp_ / "spawncheck.badmrk" / kOwnerMarker, "something else\n");
  fs::create_directories(tmp_ / "other-directory");       // not a scratch name
  write(tmp_ / "other-directory" / kOwnerMarker, dead);
  fs::create_directories(base_ / "elsewhere");            // reached only through a symlink
  write(base_ / "elsewhere" / kOwnerMarker, dead);
  fs::create_directory_symlink(base_ / "elsewhere", tmp_ / "spawncheck.symlnk");
  fs::create_directories(tmp_ / "spawncheck.linkmk");     // the marker is a symlink
  write(base_ / "marker", dead);
  fs::create_symlink(base_ / "marker", tmp_ / "spawncheck.linkmk" / kOwnerMarker);
  const bool root = ::geteuid() == 0;
  if (root) {  // another user's directory, dead owner and all
    fs::create_directories(tmp_ / "spawncheck.others");
    write(tmp_ / "spawncheck.others" / kOwnerMarker, dead);
    ASSERT_EQ(::chown((tmp_ / "spawncheck.others").c_str(), 65534, 65534), 0);
  }
  // Ours, dead: its pid now belongs to another process (this one).
  fs::create_directories(tmp_ / "spawncheck.reused" / "root" / "sub");
  write(tmp_ / "spawncheck.reused" / kOwnerMarker, dead);

  // The live run's directory: the one the fixtures above do not account for.
  const std::set<std::string> fixtures = entries(tmp_);
  auto listing = [&](const char* name) { return "ls -A " + tmp_.string() + " > " + (base_ / name).string() + "; "; };
  auto o = test::shell(start_then(tmp_, listing("before") +
                                            in_tmp(tmp_, "check --filter exec_failure.missing-program-returns-enoent") +
                                            " >/dev/null; echo next=$?; " + listing("after") +
                                            "kill -TERM $p; wait $p; echo exit=$?",
                                  20000));
  EXPECT_NE(o.output.find("next=0"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("exit=143"), std::string::npos) << o.output;
  auto lines = [&](const char* name) {
    std::set<std::string> out;
    std::ifstream in(base_ / name);
    for (std::string l; std::getline(in, l);) out.insert(l);
    return out;
  };
  std::set<std::string> live;
  for (const auto& n : lines("before"))
    if (!fixtures.count(n)) live.insert(n);
  ASSERT_EQ(live.size(), 1u) << "the hanging run's scratch directory";
  auto during = lines("after");
  EXPECT_EQ(during.count(*live.begin()), 1u) << "the second run removed a live run's directory";
  EXPECT_EQ(during.count("spawncheck.reused"), 0u) << "a dead owner's directory stayed";
  for (const char* kept : {"spawncheck.nomark", "spawncheck.badmrk", "other-directory", "spawncheck.symlnk",
                           "spawncheck.linkmk"})
    EXPECT_EQ(during.count(kept), 1u) << kept << " was removed";
  if (root) {
    EXPECT_EQ(during.count("spawncheck.others"), 1u) << "another user's directory was removed";
  }
  EXPECT_TRUE(fs::exists(base_ / "elsewhere" / kOwnerMarker)) << "the sweep followed a symlink";
  EXPECT_TRUE(fs::exists(base_ / "marker"));
  EXPECT_EQ(entries(tmp_).count(*live.begin()), 0u) << "the live run removes its own directory on SIGTERM";
}

TEST(ScratchOwner, MarkerNamesALiveProcessOnlyWithItsStartTime) {
  EXPECT_EQ(owner_alive(owner_marker()), std::optional<bool>(true));
  EXPECT_EQ(owner_alive(marker_with_start("1")), std::optional<bool>(false));
  EXPECT_EQ(owner_alive("spawncheck scratch 1\npid 12\n"), std::nullopt);
  EXPECT_EQ(owner_alive(""), std::nullopt);
  std::string other_ns = owner_marker();
  other_ns.replace(other_ns.find("pidns ") + 6, std::string::npos, "pid:[1]\n");
  EXPECT_EQ(owner_alive(other_ns), std::nullopt) << "a pid of another namespace cannot be judged";
  std::string rebooted = owner_marker();
  auto at = rebooted.find("boot ") + 5;
  rebooted.replace(at, rebooted.find('\n', at) - at, "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(owner_alive(rebooted), std::optional<bool>(false));
}

}  // namespace
}  // namespace sc
