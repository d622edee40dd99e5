// surface_test.cpp — the C view (src/names, what the agent and the probe
// say) and the C++ view (src/model/surface.h, what the harness reads) of
// spawn_ops.def give the same answers.
#include "surface.h"

#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "names.h"
}

namespace sc {
namespace {

static_assert(SC_OP_COUNT == kActionCount);
static_assert(SC_OFLAG_COUNT == kOFlagCount);
static_assert(SC_ATTRFLAG_COUNT == kAttrFlagCount);

TEST(Surface, SignalNamesAgree) {
  for (int n = 0; n <= kMaxSignal + 1; ++n) {
    char buf[SC_NAME_MAX];
    EXPECT_EQ(signal_name(n), sc_signal_name(n, buf)) << n;
    if (n >= 1 && n <= kMaxSignal) EXPECT_EQ(signal_named(signal_name(n)), n) << n;
  }
}

TEST(Surface, ErrnoNamesAgree) {
  for (int e = -1; e < 200; ++e) {
    char buf[SC_NAME_MAX];
    EXPECT_EQ(errno_name(e), sc_errno_name(e, buf)) << e;
    EXPECT_TRUE(is_errno_name(errno_name(e))) << e;
  }
}

TEST(Surface, ActionAndFlagNamesAgree) {
  for (std::size_t i = 0; i < kActionCount; ++i)
    EXPECT_EQ(actions()[i].name, sc_op_name(static_cast<unsigned>(i)));
  for (std::size_t i = 0; i < kOFlagCount; ++i) {
    EXPECT_EQ(kOFlagTable[i].name, sc_oflag_name(static_cast<unsigned>(i)));
    EXPECT_EQ(oflag_named(kOFlagTable[i].name), OFlags{1} << i);
  }
}

// What the probe reports of an F_GETFL value is what the model can predict.
TEST(Surface, ReportedStatusFlagsAreTheVisibleOnes) {
  for (std::size_t i = 0; i < kOFlagCount; ++i) {
    const OFlags bit = OFlags{1} << i;
    const std::uint32_t shown = sc_oflags_reported(sc_oflags_native(bit | oflag("O_RDWR")));
    EXPECT_EQ((shown & bit) != 0, (bit & (kVisibleStatus | oflag("O_RDWR"))) != 0) << kOFlagTable[i].name;
  }
}

TEST(Surface, NamedSetsComeFromTheDeclaration) {
  EXPECT_EQ(kUnblockable, sig("SIGKILL") | sig("SIGSTOP"));
  EXPECT_EQ(kLibcInternalSignals, sigbit(32) | sigbit(33) | sigbit(34));
  EXPECT_EQ(kVisibleStatus, oflag("O_APPEND") | oflag("O_NONBLOCK") | oflag("O_SYNC"));
  EXPECT_EQ(kAccessModes, oflag("O_RDONLY") | oflag("O_WRONLY") | oflag("O_RDWR"));
  for (const auto& a : actions()) EXPECT_EQ(a.optional, a.name == "addchdir" || a.name == "addfchdir" || a.name == "addclosefrom");
}

}  // namespace
}  // namespace sc
