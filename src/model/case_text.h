// case_text.h — what the case format's reader and printer share (internal
// to src/model): the directive table, whose order is the canonical order,
// action signatures, and the canonical lines of a Case, each with the slot
// and ordinal the reader uses to keep comments with their directive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "case.h"
#include "surface.h"

namespace sc::casetext {

enum Slot : int {
  kHeader, kName, kFixture, kCwd, kUmask, kFd, kPSigmask, kPSigign, kPSigcatch, kPEnv,
  kCall, kArgv, kEnvp, kAction, kAFlags, kASigmask, kASigdef, kAPgroup, kExpect, kSlotCount
};
struct DirectiveInfo {
  std::string_view keyword;
  bool repeatable;
  bool required;
};
// Indexed by Slot, in canonical order.
extern const DirectiveInfo kDirectives[kSlotCount];

// Argument kinds of an SC_ACTION signature, in the order written.
enum class Arg { Fd, NewFd, Path, OFlags, Mode };
const std::vector<Arg>& action_args(Op op);

inline constexpr long long kMaxFd = 1048575;
inline constexpr int kFirstNamedRt = SC_SIGNAL_LIBC_LAST + 1;  // 32..34 belong to the libc

// One directive of the canonical text: the n-th (ordinal) of its slot, so
// (slot, ordinal) increases along the text.
struct DirectiveText {
  Slot slot;
  std::size_t ordinal;
  std::string text;  // without the newline
};
// The directives print_case writes, in order: every fixture entry, parent
// fd and action, the required lines, and the optional ones that differ
// from their defaults.
std::vector<DirectiveText> directive_texts(const Case& c);

std::string octal4(std::uint32_t v);        // 0644
std::string sigset_text(SigSet set);        // " SIGINT SIGRT3" (each with a leading space)

}  // namespace sc::casetext
