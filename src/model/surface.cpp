// surface.cpp — the lookups of surface.h over the spawn_ops.def tables.
#include "surface.h"

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

#include "decimal.h"

namespace sc {
namespace {

constexpr ActionInfo kActionTable[] = {
#define SC_ACTION(ID, name, sig, slot) {name, sig, #slot, false},
#include "spawn_ops.def"
};

constexpr SymbolInfo kSymbolTable[] = {
#define SC_SYMBOL(slot, symbol, optional) {#slot, #symbol, (optional) != 0},
#include "spawn_ops.def"
};

// An action is optional when the symbols filling its slot are.
constexpr auto kActionsWithOptions = [] {
  std::array<ActionInfo, std::size(kActionTable)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = kActionTable[i];
    for (const auto& s : kSymbolTable)
      if (s.slot == out[i].slot) out[i].optional = s.optional;
  }
  return out;
}();

constexpr ErrnoInfo kErrnoTable[] = {
#define SC_ERRNO(NAME) {#NAME, NAME},
#include "spawn_ops.def"
};

template <class Names>
std::string bits_text(std::uint32_t bits, const Names& names) {
  std::string out;
  for (unsigned i = 0; i < 32; ++i) {
    if (!(bits >> i & 1)) continue;
    if (!out.empty()) out += '|';
    out += i < std::size(names) ? std::string(names[i]) : fmt::format("?{}", i);
  }
  return out;
}

}  // namespace

std::span<const ActionInfo> actions() { return kActionsWithOptions; }
const ActionInfo& action_info(Op op) { return kActionsWithOptions.at(static_cast<std::size_t>(op)); }
std::optional<Op> action_named(std::string_view name) {
  for (std::size_t i = 0; i < kActionsWithOptions.size(); ++i)
    if (kActionsWithOptions[i].name == name) return static_cast<Op>(i);
  return std::nullopt;
}
std::span<const SymbolInfo> symbols() { return kSymbolTable; }

std::optional<OFlags> oflag_named(std::string_view name) {
  for (std::size_t i = 0; i < kOFlagCount; ++i)
    if (kOFlagTable[i].name == name) return OFlags{1} << i;
  return std::nullopt;
}

std::string oflags_text(OFlags flags) {
  std::array<std::string_view, kOFlagCount> names;
  std::transform(std::begin(kOFlagTable), std::end(kOFlagTable), names.begin(), [](const OFlagInfo& f) { return f.name; });
  return bits_text(flags, names);
}

std::optional<AttrFlags> attrflag_named(std::string_view short_name) {
  for (std::size_t i = 0; i < kAttrFlagCount; ++i)
    if (kAttrFlagNames[i] == short_name) return AttrFlags{1} << i;
  return std::nullopt;
}

std::string attrflags_text(AttrFlags flags) { return bits_text(flags, kAttrFlagNames); }

std::string signal_name(int signo) {
  for (const auto& s : kSignalTable)
    if (s.number == signo) return std::string(s.name);
  if (signo >= kRtBase && signo <= kMaxSignal) return fmt::format("SIGRT{}", signo - kRtBase);
  return std::to_string(signo);
}

std::optional<int> signal_named(std::string_view name) {
  for (const auto& s : kSignalTable)
    if (s.name == name) return s.number;
  if (!name.starts_with("SIGRT")) return std::nullopt;
  auto digits = name.substr(5);
  auto n = decimal<int>(digits);
  // Canonical: no sign, no leading zero.
  if (!n || digits[0] == '+' || (digits.size() > 1 && digits[0] == '0') || *n + kRtBase > kMaxSignal)
    return std::nullopt;
  return *n + kRtBase;
}

std::span<const ErrnoInfo> errnos() { return kErrnoTable; }

std::string errno_name(int err) {
  if (err == 0) return "0";
  for (const auto& e : kErrnoTable)
    if (e.value == err) return std::string(e.name);
  return fmt::format("E#{}", err);
}

bool is_errno_name(std::string_view s) {
  if (s == "0") return true;
  if (std::any_of(std::begin(kErrnoTable), std::end(kErrnoTable), [&](const ErrnoInfo& e) { return e.name == s; }))
    return true;
  // An unlisted number; a negative one (a spawn returning -1, the fork()
  // convention) is an observation too.
  auto n = s.starts_with("E#") ? decimal<int>(s.substr(2)) : std::nullopt;
  return n && *n != 0;
}

bool is_file_type(std::string_view s) {
  return std::find(std::begin(kFileTypeNames), std::end(kFileTypeNames), s) != std::end(kFileTypeNames);
}

}  // namespace sc
