// The fuzzer's generator: deterministic, always a valid case, and reaching
// the whole spawn surface of spawn_ops.def.
#include "generate.h"
#include "surface.h"

#include <gtest/gtest.h>

#include <set>

#include "case_format.h"
#include "model.h"
#include "mutate.h"

namespace sc {
namespace {

constexpr unsigned kOpCount = kActionCount;

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

// The gaps a campaign must reach too: sizes around ARG_MAX on both sides,
// FIFOs opened in ways that cannot block, a caller whose cwd is not the
// root, SETPGROUP with the caller's own group and with an invalid one.
TEST(Generate, ReachesTheEdgesTheModelPredicts) {
  ModelEnv env;
  env.probe_path = "/scratch/sc/probe";
  env.arg_max = 2u << 20;
  const GenConfig cfg{256, env.arg_max};
  std::set<std::string> errors;
  unsigned fifo_opens = 0, sub_cwd = 0, caller_group = 0, bad_group = 0, ran = 0, huge = 0;
  for (std::uint64_t n = 0; n < 6000; ++n) {
    Case c = generate_case(run_seed(11, n), cfg);
    Prediction p = predict(c, env);
    ASSERT_EQ(p.unpredictable, "") << print_case(c);
    errors.insert(p.outcome().error);
    ran += p.outcome().child.has_value();
    std::size_t bytes = 0;
    for (const auto& a : c.argv) bytes += a.size();
    for (const auto& e : c.envp) bytes += e.size();
    huge += bytes >= env.arg_max / 2;
    for (const Action& a : c.actions) fifo_opens += a.op == Op::ADDOPEN && a.path == "fifo";
    for (const ParentFd& f : c.fds) fifo_opens += f.path == "fifo";
    sub_cwd += c.cwd == "sub";
    caller_group += c.attr.pgroup == kPgroupCaller;
    bad_group += c.attr.pgroup.value_or(0) < 0 && c.attr.pgroup != kPgroupCaller;
  }
  EXPECT_TRUE(errors.count("E2BIG")) << "no case over ARG_MAX";
  EXPECT_GT(huge, 5u);
  EXPECT_TRUE(errors.count("ENXIO")) << "no non-blocking FIFO write without a reader";
  EXPECT_GT(fifo_opens, 50u);
  EXPECT_GT(sub_cwd, 50u);
  EXPECT_GT(caller_group, 20u);
  EXPECT_GT(bad_group, 5u);
  EXPECT_TRUE(errors.count("EINVAL"));
  // Most generated cases are meant to reach the exec.
  EXPECT_GT(ran, 6000u / 4) << "cases that run the program";
}

// Consecutive cases share their fixture most of the time, so the scratch
// directory is reused rather than rebuilt (Scratch::build_fixture).
TEST(Generate, TheFixtureRarelyChanges) {
  unsigned same = 0;
  for (std::uint64_t n = 1; n < 1000; ++n)
    same += generate_case(run_seed(5, n)).fixture == generate_case(run_seed(5, n - 1)).fixture;
  EXPECT_GT(same, 600u);
}

TEST(Mutate, DeterministicValidAndNearTheSeed) {
  ModelEnv env;
  env.probe_path = "/scratch/sc/probe";
  const GenConfig cfg{256};
  unsigned changed = 0;
  for (std::uint64_t n = 0; n < 1000; ++n) {
    Case seed = generate_case(run_seed(9, n % 50), cfg);
    Choices a(run_seed(13, n)), b(run_seed(13, n));
    Case m = mutate(seed, a, cfg);
    EXPECT_EQ(m, mutate(seed, b, cfg));
    changed += m.actions != seed.actions || m.attr != seed.attr || m.argv != seed.argv || m.envp != seed.envp ||
               m.fds != seed.fds || m.sigmask != seed.sigmask || m.sigign != seed.sigign || m.umask != seed.umask;
    EXPECT_EQ(m.fixture, seed.fixture);
    std::string text = print_case(m);
    auto back = parse_case(text, "mutant.case");
    ASSERT_TRUE(back) << back.error << "\n" << text;
    EXPECT_EQ(*back.value, m);
    EXPECT_EQ(validate(m), "") << text;
  }
  EXPECT_GT(changed, 900u);
}

TEST(Mutate, NeverTruncatesAProbe) {
  // A seed whose action opens the probe: no edit may add O_TRUNC to it.
  Case seed = generate_case(1);
  Action open_probe;
  open_probe.op = Op::ADDOPEN;
  open_probe.fd = 5;
  open_probe.path = "bin/probe";
  open_probe.oflags = 0;  // O_RDONLY
  seed.actions = {open_probe};
  const OFlags trunc = OFlags{1} << 6;  // O_TRUNC, the 7th SC_OFLAG
  for (std::uint64_t n = 0; n < 3000; ++n) {
    Choices ch(run_seed(17, n));
    for (const Action& a : mutate(seed, ch, GenConfig{}).actions) {
      if (a.op == Op::ADDOPEN && (a.oflags & trunc)) {
        EXPECT_NE(a.path, "bin/probe");
      }
    }
  }
}

}  // namespace
}  // namespace sc
