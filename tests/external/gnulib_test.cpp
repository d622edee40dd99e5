// gnulib's posix_spawn replacement (built unmodified by
// ci/build-gnulib-spawn) as an --impl library: `spawncheck check` under
// each profile must report exactly the findings of kExpected below — each
// cause with exactly its checks — and nothing BROKEN. `ctest -L external`;
// skipped when the gnulib package is not installed.
//
// kExpected is the one place the expectations live: when the model or a
// check changes what it makes of gnulib, change the table, keeping each
// row's kind honest. Under --profile posix only gnulib's real departures
// from POSIX.1-2024 may remain; the linux profile adds the contract gnulib
// does not take (errors returned, the caller held until the exec), each
// one finding however many checks show it.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sc {
namespace {

enum class Kind {
  Bug,       // gnulib breaks a guarantee POSIX.1-2024 makes
  Contract,  // the linux profile's contract, which POSIX leaves open and gnulib does not take
};

struct Expected {
  std::string_view profile;  // "posix" or "linux"
  std::string_view cause;    // the finding's cause key
  std::vector<std::string_view> checks;
  Kind kind;
  std::string_view why;
};

const std::vector<Expected> kExpected = [] {
  std::vector<Expected> bugs = {
      {"", "handler-in-child", {"signals.caller-handlers-never-run-in-child"}, Kind::Bug,
       "signals are neither blocked around the vfork nor caught ones reset in the child"},
      {"", "child:fd-missing", {"file_actions.dup2-same-fd-clears-cloexec"}, Kind::Bug,
       "adddup2(fd, fd) is a plain dup2, which leaves FD_CLOEXEC set"},
      {"", "exit-127:unexpected", {"attributes.setsigdef-resets-ignored", "parent_state.caller-unchanged"}, Kind::Bug,
       "the SETSIGDEF loop goes to sig <= NSIG: sigaction(65) fails and the child exits 127"},
      {"", "full-table", {"fd_table.full-table-addopen-onto-open-fd"}, Kind::Bug,
       "the child opens an addopen's file before it closes the target, so a full table fails it (spawni.c)"},
      {"", "refused:posix_spawnattr_setflags:EINVAL",
       {"attributes.setsid-new-session", "attributes.setsid-with-setpgroup-eperm",
        "attributes.getters-return-what-was-set"},
       Kind::Bug, "no POSIX_SPAWN_SETSID (POSIX.1-2024): setflags refuses it"},
  };
  std::vector<Expected> out;
  for (auto profile : {"posix", "linux"})
    for (auto e : bugs) e.profile = profile, out.push_back(e);
  out.push_back({"linux", "not-held", {"suspension.spawn-returns-after-exec"}, Kind::Contract,
                 "gnulib forks unless told POSIX_SPAWN_USEVFORK, so the call returns before the exec"});
  out.push_back({"linux", "exit-127",
                 {"exec_failure.missing-program-returns-enoent", "exec_failure.enoexec-without-shell-fallback",
                  "exec_failure.file-action-error-returned", "exec_failure.no-execute-permission-eacces",
                  "exec_failure.directory-program-eacces", "exec_failure.fifo-program-eacces",
                  "exec_failure.non-directory-component-enotdir", "exec_failure.symlink-loop-eloop",
                  "exec_failure.long-component-enametoolong", "exec_failure.argv-over-limit-e2big",
                  "exec_failure.argument-too-long-e2big", "exec_failure.program-open-for-writing-etxtbsy",
                  "exec_failure.addchdir-error-returned", "exec_failure.addfchdir-error-returned",
                  "exec_failure.adddup2-error-returned", "exec_failure.error-number-not-minus-one",
                  "exec_failure.reported-whatever-fds-0-2-hold", "exec_failure.reported-whatever-sigchld",
                  "exec_failure.spawnp-only-eacces-returns-eacces", "file_actions.addopen-refusing-flags-fail-the-spawn",
                  "file_actions.dup2-onto-implementation-fds", "file_actions.dup2-same-fd-unopened-ebadf",
                  "attributes.setpgroup-negative-einval",
                  "parent_state.caller-unchanged-after-failure", "parent_state.null-pid-accepted"},
                 Kind::Contract, "every failure the child meets is its exit 127, which POSIX allows"});
  return out;
}();

std::string_view kind_name(Kind k) { return k == Kind::Bug ? "gnulib bug" : "linux-profile contract"; }

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// `spawncheck check --format json` of gnulib under one profile.
nlohmann::json check(const std::string& profile) {
  const std::string dir = test::temp_dir("sc-gnulib-");
  const std::string out = dir + "/report.json";
  auto ran = test::spawncheck("check --impl " + std::string(SC_GNULIB_SO) + " --profile " + profile +
                              " --format json --output " + out);
  nlohmann::json j;
  std::ifstream in(out);
  if (in) j = nlohmann::json::parse(in, nullptr, false);
  std::remove(out.c_str());
  ::rmdir(dir.c_str());
  EXPECT_EQ(ran.status, 1) << "spawncheck check: exit status " << ran.status << ", expected 1 (FAILs)\n" << ran.output;
  return j;
}

void holds_to_the_table(const std::string& profile) {
  if (!exists(SC_GNULIB_SO))
    GTEST_SKIP() << SC_GNULIB_SO << " was not built: ci/build-gnulib-spawn skipped (is the Debian package "
                 << "gnulib installed? ci/install-deps) or failed (its log is beside the library)";
  const nlohmann::json report = check(profile);
  ASSERT_TRUE(report.is_object() && report.contains("results") && report.contains("findings")) << "no JSON report";
  for (const auto& r : report["results"])
    EXPECT_NE(r["status"].get<std::string>(), "BROKEN")
        << r["check"].get<std::string>() << " is BROKEN: " << r["reason"].get<std::string>();

  std::map<std::string, std::set<std::string>> found;  // cause -> checks
  for (const auto& f : report["findings"])
    for (const auto& c : f["checks"]) found[f["cause"].get<std::string>()].insert(c.get<std::string>());
  for (const auto& e : kExpected) {
    if (e.profile != profile) continue;
    auto it = found.find(std::string(e.cause));
    if (it == found.end()) {
      ADD_FAILURE() << "finding " << e.cause << " is gone under --profile " << profile << " (" << kind_name(e.kind)
                    << ": " << e.why << "): update kExpected";
      continue;
    }
    const std::set<std::string> want(e.checks.begin(), e.checks.end());
    for (const auto& c : want)
      EXPECT_TRUE(it->second.contains(c)) << e.cause << " no longer explains " << c << " (" << e.why << ")";
    for (const auto& c : it->second)
      EXPECT_TRUE(want.contains(c)) << e.cause << " now also explains " << c << " (" << e.why << ")";
    found.erase(it);
  }
  for (const auto& [cause, checks] : found)
    ADD_FAILURE() << "finding " << cause << " under --profile " << profile << " and kExpected does not say why: "
                  << fmt::format("{}", fmt::join(checks, " "));
}

TEST(GnulibSpawn, PosixProfile) { holds_to_the_table("posix"); }
TEST(GnulibSpawn, LinuxProfile) { holds_to_the_table("linux"); }

}  // namespace
}  // namespace sc
