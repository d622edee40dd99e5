// Proof that every check can fail: each is run against the deliberately
// broken implementations it names (Check::caught_by, tests/broken/bugs.def)
// and must report FAIL, while the same naive implementation without its bug
// must pass it. `ctest -L selftest`.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "check.h"
#include "session.h"
#include "test_support.h"
#include "verdict_gtest.h"

namespace sc {
namespace {

constexpr std::string_view kBugs[] = {
#define SC_BROKEN(ID, name, what) name,
#include "../broken/bugs.def"
};

class Catches : public ::testing::TestWithParam<const Check*> {};

TEST_P(Catches, BrokenImplementation) {
  const Check& c = *GetParam();
  ASSERT_FALSE(c.caught_by.empty()) << c.id << " names no broken implementation that proves it can fail";
  for (const auto& [bug, expect] : c.caught_by) {
    ASSERT_NE(std::find(std::begin(kBugs), std::end(kBugs), bug), std::end(kBugs))
        << c.id << " names " << bug << ", which tests/broken/bugs.def does not declare";
    Session s("impl:" + test::broken_library(bug), host_target(), 0, Judging{Profile::Linux, expect});
    Verdict v = run_check(c, s);
    EXPECT_EQ(v.status, Status::Fail) << c.id << " did not catch sc-broken-" << bug << ": " << status_name(v.status)
                                      << " " << v.reason;
  }
}

TEST_P(Catches, NothingWithoutTheBug) {
  const Check& c = *GetParam();
  Session s("impl:" + test::broken_library("none"));
  report_verdict(c, run_check(c, s));
}

std::vector<const Check*> all_checks() {
  std::vector<const Check*> out;
  for (const auto& c : registry()) out.push_back(&c);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Broken, Catches, ::testing::ValuesIn(all_checks()),
                         [](const auto& i) { return test_name(*i.param, "impl"); });

}  // namespace
}  // namespace sc
