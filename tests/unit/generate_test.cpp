// The fuzzer's generator: deterministic, always a valid case, and reaching
// the whole spawn surface of spawn_ops.def.
#include "generate.h"

#include <gtest/gtest.h>

#include <set>

#include "case_format.h"
#include "model.h"

namespace sc {
namespace {

constexpr unsigned kOpCount = 0
#define SC_ACTION(ID, name, sig, optional) +1
#include "spawn_ops.def"
    ;
constexpr unsigned kOFlagCount = 0
#define SC_OFLAG(N) +1
#include "spawn_ops.def"
    ;
constexpr unsigned kAttrFlagCount = 0
#define SC_ATTRFLAG(N, s) +1
#include "spawn_ops.def"
    ;

TEST(Generate, SameSeedSameCase) {
  for (std::uint64_t n = 0; n < 200; ++n) {
    std::uint64_t seed = run_seed(42, n);
    EXPECT_EQ(generate_case(seed), generate_case(seed)) << seed;
  }
  EXPECT_NE(generate_case(run_seed(42, 0)), generate_case(run_seed(42, 1)));
  EXPECT_NE(run_seed(1, 0), run_seed(2, 0));
}

TEST(Generate, EveryCaseRoundTripsAndIsValidForTheModel) {
  for (std::uint64_t n = 0; n < 2000; ++n) {
    Case c = generate_case(run_seed(7, n), GenConfig{256});
    std::string text = print_case(c);
    auto back = parse_case(text, "generated.case");
    ASSERT_TRUE(back) << back.error << "\n" << text;
    ASSERT_EQ(*back.value, c) << text;
    EXPECT_EQ(print_case(*back.value), text);
    EXPECT_EQ(validate(c), "") << text;
  }
}

TEST(Generate, ReachesTheWholeSurface) {
  std::set<unsigned> ops, oflags, attrflags;
  std::set<int> signals, parent_fds;
  unsigned spawnp = 0, empty_argv = 0, inherit = 0, same_fd_dup2 = 0, near_limit = 0;
  const int nofile = 256;
  for (std::uint64_t n = 0; n < 2000; ++n) {
    Case c = generate_case(run_seed(3, n), GenConfig{nofile});
    for (const Action& a : c.actions) {
      ops.insert(static_cast<unsigned>(a.op));
      for (unsigned i = 0; i < kOFlagCount; ++i)
        if (a.oflags & (OFlags{1} << i)) oflags.insert(i);
      same_fd_dup2 += a.op == Op::ADDDUP2 && a.fd == a.newfd;
      near_limit += a.fd >= nofile - 2;
    }
    if (c.attr.flags)
      for (unsigned i = 0; i < kAttrFlagCount; ++i)
        if (*c.attr.flags & (AttrFlags{1} << i)) attrflags.insert(i);
    for (SigSet s : {c.sigmask, c.sigign, c.sigcatch, c.attr.sigmask.value_or(0), c.attr.sigdefault.value_or(0)})
      for (int b = 0; b < 64; ++b)
        if (s & (SigSet{1} << b)) signals.insert(b + 1);
    for (const ParentFd& p : c.fds) parent_fds.insert(p.fd);
    spawnp += c.func == Func::Spawnp;
    empty_argv += c.argv.empty();
    inherit += c.env_inherit;
  }
  EXPECT_EQ(ops.size(), kOpCount);
  EXPECT_EQ(oflags.size(), kOFlagCount);
  EXPECT_EQ(attrflags.size(), kAttrFlagCount);
  EXPECT_GE(signals.size(), 25u);
  EXPECT_TRUE(signals.count(9) && signals.count(10) && signals.count(19) && signals.count(35));
  for (int fd : {0, 1, 2, 3, 4, 5, 6, nofile - 1}) EXPECT_TRUE(parent_fds.count(fd)) << fd;
  EXPECT_GT(spawnp, 20u);
  EXPECT_GT(empty_argv, 20u);
  EXPECT_GT(inherit, 20u);
  EXPECT_GT(same_fd_dup2, 20u);
  EXPECT_GT(near_limit, 20u);
}

}  // namespace
}  // namespace sc
