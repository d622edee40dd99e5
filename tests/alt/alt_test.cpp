// The catalogue against tests/alt's libraries, less the checks whose
// verdict turns on one of the choices alt_spawn.c takes: those judge the
// model's expectation, not the library (docs/divergences.md, "tests/alt:
// the other choices"). `ctest -L alt`.
//
// libsc-alt.so is held to the linux profile. libsc-alt-exit127.so reports
// every failure as a child exiting 127, which only the posix profile
// allows, so it is held to that one.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "session.h"
#include "verdict_gtest.h"

namespace sc {
namespace {

struct Skip {
  std::string_view check;
  std::string_view why;
};

// Where the current model predicts glibc's (refcore's) choice and the
// library takes the other one.
constexpr Skip kChoices[] = {
    {"file_actions.addopen-cloexec-on-lowest-free-fd-kept", "choice 1: addopen always clears FD_CLOEXEC"},
    {"attributes.setsid-with-setpgroup-eperm", "choice 2: setpgid before setsid"},
};

// The exit-127 form (choice 7) under the posix profile: these posix-profile
// checks still ask for the error to be returned.
constexpr Skip kExit127[] = {
    {"parent_state.caller-unchanged-after-failure", "choice 7: the failed exec is the child's exit 127"},
    {"exec_failure.spawnp-unset-path-not-cwd", "choice 7: the failed search is the child's exit 127"},
};

struct Param {
  const Check* check;
  std::string library;  // file name in SC_ALT_DIR
  Profile profile;
  bool exit127;
};

void PrintTo(const Param& p, std::ostream* os) { *os << p.check->id << " on " << p.library; }

bool listed(const Check& c, const Skip* begin, const Skip* end) {
  return std::any_of(begin, end, [&](const Skip& s) { return s.check == c.id; });
}

std::vector<Param> params() {
  std::vector<Param> out;
  for (const auto& c : registry()) {
    if (listed(c, std::begin(kChoices), std::end(kChoices))) continue;
    out.push_back({&c, "libsc-alt.so", Profile::Linux, false});
    if (!listed(c, std::begin(kExit127), std::end(kExit127)))
      out.push_back({&c, "libsc-alt-exit127.so", Profile::Posix, true});
  }
  return out;
}

class Alt : public ::testing::TestWithParam<Param> {};

TEST_P(Alt, Holds) {
  const Param& p = GetParam();
  Session s("impl:" + std::string(SC_ALT_DIR) + "/" + p.library);
  report_verdict(*p.check, run_check(*p.check, s, p.profile));
}

void expect_checks(const Skip* begin, const Skip* end) {
  for (const Skip* s = begin; s != end; ++s)
    EXPECT_TRUE(std::any_of(registry().begin(), registry().end(), [&](const Check& c) { return c.id == s->check; }))
        << s->check << " (" << s->why << ") is no longer a check: update tests/alt/alt_test.cpp";
}

// Every check left out above is still in the catalogue.
TEST(AltChoices, NameExistingChecks) {
  expect_checks(std::begin(kChoices), std::end(kChoices));
  expect_checks(std::begin(kExit127), std::end(kExit127));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Alt, ::testing::ValuesIn(params()),
                         [](const auto& i) { return test_name(*i.param.check, i.param.exit127 ? "alt_exit127" : "alt"); });

}  // namespace
}  // namespace sc
