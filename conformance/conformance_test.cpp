// Every registered check, instantiated per backend: `ctest -L conformance`
// (one label per guarantee class as well, e.g. `ctest -L fd_table`).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check.h"
#include "backends.h"
#include "session.h"
#include "verdict_gtest.h"

namespace sc {
namespace {

struct Param {
  const Check* check;
  std::string backend;
  Profile profile;
  std::string target = "host";
};

// Each backend is held to the profile backends.def gives it (fork-exec,
// fork by construction, to POSIX, which lets vfork be fork). Where this
// build has a musl agent, musl's own posix_spawn and refcore built against
// musl are held to the Linux guarantees as well.
std::vector<Param> params() {
  std::vector<Param> out;
  for (const auto& c : registry()) {
    for (const auto& b : backends()) out.push_back({&c, std::string(b.name), b.profile});
    if (target_named("musl"))
      for (const char* b : {"libc", "refcore"}) out.push_back({&c, b, Profile::Linux, "musl"});
  }
  return out;
}

std::string label(const Param& p) { return p.target == "host" ? p.backend : p.target + "_" + p.backend; }

class Conformance : public ::testing::TestWithParam<Param> {};

TEST_P(Conformance, Holds) {
  const Param& p = GetParam();
  RecordProperty("assertion", p.check->id);
  RecordProperty("source", p.check->source);
  Session s(p.backend, *target_named(p.target), 0, Judging{p.profile, std::nullopt});
  Verdict v = run_check(*p.check, s);
  report_verdict(*p.check, v);
}

INSTANTIATE_TEST_SUITE_P(Checks, Conformance, ::testing::ValuesIn(params()),
                         [](const auto& i) { return test_name(*i.param.check, label(i.param)); });

}  // namespace
}  // namespace sc
