// The minimiser on a synthetic failure: it keeps exactly what the failure
// needs, respects its run budget, and never splits a pipe pair.
#include "minimise.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "generate.h"

namespace sc {
namespace {

bool has_close(const Case& c, int fd) {
  return std::any_of(c.actions.begin(), c.actions.end(),
                     [&](const Action& a) { return a.op == Op::ADDCLOSE && a.fd == fd; });
}

Case big_case() {
  for (std::uint64_t n = 0;; ++n) {
    Case c = generate_case(run_seed(11, n));
    if (c.actions.size() >= 4 && !c.fixture.empty() && !c.argv.empty()) {
      Action a;
      a.op = Op::ADDCLOSE;
      a.fd = 5;
      c.actions.insert(c.actions.begin() + 1, a);
      return c;
    }
  }
}

TEST(Minimise, KeepsOnlyWhatTheFailureNeeds) {
  Case c = big_case();
  auto fails = [](const Case& x) { return has_close(x, 5) && !x.argv.empty(); };
  Minimised m = minimise(c, fails);
  EXPECT_TRUE(fails(m.c));
  ASSERT_EQ(m.c.actions.size(), 1u);
  EXPECT_EQ(m.c.actions[0].fd, 5);
  EXPECT_EQ(m.c.argv.size(), 1u);
  EXPECT_TRUE(m.c.fixture.empty());
  EXPECT_TRUE(m.c.fds.empty());
  EXPECT_FALSE(m.c.attr.flags || m.c.attr.sigmask || m.c.attr.sigdefault || m.c.attr.pgroup);
  EXPECT_EQ(m.c.sigmask | m.c.sigign | m.c.sigcatch, 0u);
  EXPECT_LE(m.runs, 300u);
}

TEST(Minimise, StopsAtTheBudget) {
  unsigned calls = 0;
  Minimised m = minimise(big_case(), [&](const Case&) { return ++calls, false; }, 3);
  EXPECT_EQ(m.runs, 3u);
  EXPECT_EQ(calls, 3u);
}

TEST(Minimise, RemovesPipeEndsTogether) {
  Case c;
  ParentFd r, w;
  r.fd = 3, r.kind = ParentFd::Kind::PipeRead, r.peer = 4;
  w.fd = 4, w.kind = ParentFd::Kind::PipeWrite, w.peer = 3;
  c.fds = {r, w};
  for (const Case& x : single_removals(c)) EXPECT_TRUE(x.fds.empty());
}

}  // namespace
}  // namespace sc
