// gnulib's posix_spawn replacement (built unmodified by
// ci/build-gnulib-spawn) as an --impl library: `spawncheck check` under
// each profile must report exactly the FAILs of kExpected below, each
// with its reason, and nothing BROKEN. `ctest -L external`; skipped when
// the gnulib package is not installed.
//
// kExpected is the one place the expectations live: when the model or a
// check changes what it makes of gnulib, change the table, keeping each
// row's kind honest.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sc {
namespace {

enum class Kind {
  Bug,      // gnulib breaks a guarantee POSIX.1-2024 (or the Linux contract) makes
  Exit127,  // gnulib reports the failure as a child exiting 127: POSIX allows it, the linux profile does not
  Model,    // POSIX leaves the behaviour open; the check expects glibc's and musl's choice
};

struct Expected {
  std::string_view profile;  // "posix" or "linux"
  std::string_view check;
  std::string_view reason;   // a substring of the FAIL's reason
  Kind kind;
  std::string_view why;
};

// Both profiles.
#define SC_BOTH(check, reason, kind, why) {"posix", check, reason, kind, why}, {"linux", check, reason, kind, why}
// The exit-127 form of a linux-profile check that wants the error returned.
#define SC_EXIT127(check, reason) {"linux", check, reason, Kind::Exit127, "the failure is the child's exit 127"}

constexpr Expected kExpected[] = {
    SC_BOTH("signals.caller-handlers-never-run-in-child", "handler ran", Kind::Bug,
            "signals are neither blocked around the vfork nor caught ones reset in the child"),
    SC_BOTH("file_actions.dup2-same-fd-clears-cloexec", "fd 3 missing", Kind::Bug,
            "adddup2(fd, fd) is a plain dup2, which leaves FD_CLOEXEC set"),
    SC_BOTH("attributes.setsigdef-resets-ignored", "did not run", Kind::Bug,
            "the SETSIGDEF loop goes to sig <= NSIG: sigaction(65) fails and the child exits 127"),
    SC_BOTH("parent_state.caller-unchanged", "did not run", Kind::Bug,
            "the request sets SETSIGDEF: the same sigaction(65) failure"),
    SC_BOTH("attributes.setsid-new-session", "returned EINVAL", Kind::Bug,
            "no POSIX_SPAWN_SETSID: setflags refuses it"),
    SC_BOTH("attributes.getters-return-what-was-set", "read back as 0", Kind::Bug,
            "setflags refuses a set that includes SETSID, so nothing is set"),
    {"linux", "attributes.setsid-with-setpgroup-eperm", "returned EINVAL", Kind::Bug,
     "no POSIX_SPAWN_SETSID: setflags refuses it before any setpgid"},
    SC_BOTH("exec_failure.spawnp-unset-path-not-cwd", "the program ran", Kind::Model,
            "with PATH unset gnulib searches the working directory first (\":\" + confstr(_CS_PATH))"),
    {"linux", "file_actions.addclose-unopened-fd-not-an-error", "did not run", Kind::Model,
     "a failing close ends the child (exit 127), as POSIX.1-2017 allowed; glibc and musl ignore it "
     "(as POSIX.1-2024 asks after Austin Group issue 370)"},
    {"posix", "parent_state.caller-unchanged-after-failure", "returned 0", Kind::Exit127,
     "a posix-profile check that still wants the error returned"},
    SC_EXIT127("parent_state.caller-unchanged-after-failure", "returned 0"),
    SC_EXIT127("exec_failure.missing-program-returns-enoent", "returned 0"),
    SC_EXIT127("exec_failure.enoexec-without-shell-fallback", "returned 0"),
    SC_EXIT127("exec_failure.file-action-error-returned", "returned 0"),
    SC_EXIT127("exec_failure.no-execute-permission-eacces", "returned 0"),
    SC_EXIT127("exec_failure.directory-program-eacces", "returned 0"),
    SC_EXIT127("exec_failure.fifo-program-eacces", "returned 0"),
    SC_EXIT127("exec_failure.non-directory-component-enotdir", "returned 0"),
    SC_EXIT127("exec_failure.symlink-loop-eloop", "returned 0"),
    SC_EXIT127("exec_failure.long-component-enametoolong", "returned 0"),
    SC_EXIT127("exec_failure.argv-over-limit-e2big", "returned 0"),
    SC_EXIT127("exec_failure.argument-too-long-e2big", "returned 0"),
    SC_EXIT127("exec_failure.program-open-for-writing-etxtbsy", "returned 0"),
    SC_EXIT127("exec_failure.addchdir-error-returned", "returned 0"),
    SC_EXIT127("exec_failure.addfchdir-error-returned", "returned 0"),
    SC_EXIT127("exec_failure.adddup2-error-returned", "returned 0"),
    SC_EXIT127("exec_failure.error-number-not-minus-one", "returned 0"),
    SC_EXIT127("exec_failure.spawnp-only-eacces-returns-eacces", "returned 0"),
    SC_EXIT127("file_actions.dup2-onto-implementation-fds", "returned 0"),
    SC_EXIT127("file_actions.dup2-same-fd-unopened-ebadf", "returned 0"),
    SC_EXIT127("attributes.setpgroup-negative-einval", "returned 0"),
};

#undef SC_BOTH
#undef SC_EXIT127

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Bug: return "gnulib bug";
    case Kind::Exit127: return "exit-127 form";
    case Kind::Model: return "glibc/musl expectation";
  }
  return "";
}

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
  ASSERT_TRUE(report.is_object() && report.contains("results")) << "no JSON report";

  std::map<std::string, std::string> failed;  // check -> reason
  for (const auto& r : report["results"]) {
    const auto status = r["status"].get<std::string>();
    const auto id = r["check"].get<std::string>();
    EXPECT_NE(status, "BROKEN") << id << " is BROKEN: " << r["reason"].get<std::string>();
    if (status == "FAIL") failed[id] = r["reason"].get<std::string>();
  }
  for (const auto& e : kExpected) {
    if (e.profile != profile) continue;
    auto it = failed.find(std::string(e.check));
    if (it == failed.end()) {
      ADD_FAILURE() << e.check << " no longer FAILs under --profile " << profile << " (" << kind_name(e.kind)
                    << ": " << e.why << "): update kExpected";
      continue;
    }
    EXPECT_NE(it->second.find(e.reason), std::string::npos)
        << e.check << " FAILs for another reason: \"" << it->second << "\", expected one with \"" << e.reason
        << "\" (" << kind_name(e.kind) << ": " << e.why << ")";
    failed.erase(it);
  }
  for (const auto& [id, reason] : failed)
    ADD_FAILURE() << id << " FAILs under --profile " << profile << " and kExpected does not say why: " << reason;
}

TEST(GnulibSpawn, PosixProfile) { holds_to_the_table("posix"); }
TEST(GnulibSpawn, LinuxProfile) { holds_to_the_table("linux"); }

}  // namespace
}  // namespace sc
