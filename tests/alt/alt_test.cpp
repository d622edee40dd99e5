// The catalogue against tests/alt's libraries, which take the other
// documented choice wherever POSIX leaves one (docs/divergences.md,
// "tests/alt: the other choices"): with the model predicting every allowed
// option, each must pass every check. libsc-alt.so is held to both
// profiles; libsc-alt-exit127.so reports every failure as a child exiting
// 127, which only the posix profile allows. `ctest -L alt`.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "check.h"
#include "session.h"
#include "verdict_gtest.h"

namespace sc {
namespace {

struct Param {
  const Check* check;
  std::string library;  // file name in SC_ALT_DIR
  Profile profile;
};

void PrintTo(const Param& p, std::ostream* os) { *os << p.check->id << " on " << p.library; }

std::vector<Param> params() {
  std::vector<Param> out;
  for (const auto& c : registry()) {
    out.push_back({&c, "libsc-alt.so", Profile::Linux});
    out.push_back({&c, "libsc-alt.so", Profile::Posix});
    out.push_back({&c, "libsc-alt-exit127.so", Profile::Posix});
  }
  return out;
}

class Alt : public ::testing::TestWithParam<Param> {};

TEST_P(Alt, Holds) {
  const Param& p = GetParam();
  Session s("impl:" + std::string(SC_ALT_DIR) + "/" + p.library, host_target(), 0, Judging{p.profile, std::nullopt});
  report_verdict(*p.check, run_check(*p.check, s));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Alt, ::testing::ValuesIn(params()), [](const auto& i) {
  const auto& p = i.param;
  return test_name(*p.check, std::string(p.library == "libsc-alt.so" ? "alt_" : "alt_exit127_") +
                                 std::string(profile_name(p.profile)));
});

}  // namespace
}  // namespace sc
