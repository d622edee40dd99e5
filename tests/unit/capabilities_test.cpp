// capabilities.def names checks by id while the catalogue changes: every
// id it names must be a registered check.
#include <gtest/gtest.h>

#include "capabilities.h"

namespace sc {
namespace {

TEST(Capabilities, EveryQuestionRestsOnRegisteredChecks) { EXPECT_EQ(unknown_evidence(), ""); }

}  // namespace
}  // namespace sc
