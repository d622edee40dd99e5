// surface.h — the C++ view of spawn_ops.def: every name <-> value
// conversion and every named set of the spawn surface the harness uses, so
// nothing else spells a flag, a signal or an errno. The C view is
// src/names/names.h; tests/unit/surface_test.cpp holds the two to the same
// answers. The lookups are constexpr, so a misspelt name in a constant
// expression (oflag("O_CLOEXC")) fails to compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "case.h"

namespace sc {

// ---- file actions ------------------------------------------------------------

struct ActionInfo {
  std::string_view name;       // "addopen": the case-file spelling
  std::string_view signature;  // "fd path oflags mode"
  std::string_view slot;       // the agent's backend field ("fa_addopen")
  bool optional;               // an --impl may lack it (SC_SYMBOL)
};
inline constexpr std::size_t kActionCount = 0
#define SC_ACTION(ID, name, sig, slot) +1
#include "spawn_ops.def"
    ;
std::span<const ActionInfo> actions();
const ActionInfo& action_info(Op op);
std::optional<Op> action_named(std::string_view name);

// The --impl contract: every symbol, the backend slot it fills, optional.
struct SymbolInfo {
  std::string_view slot, symbol;
  bool optional;
};
std::span<const SymbolInfo> symbols();

// ---- open flags ------------------------------------------------------------------

enum class OFlagRole { Access, Status, Open };  // spawn_ops.def SC_OFLAG roles
struct OFlagInfo {
  std::string_view name;
  OFlagRole role;
};
inline constexpr OFlagInfo kOFlagTable[] = {
#define ACCESS OFlagRole::Access
#define STATUS OFlagRole::Status
#define OPEN OFlagRole::Open
#define SC_OFLAG(NAME, role) {#NAME, role},
#include "spawn_ops.def"
#undef ACCESS
#undef STATUS
#undef OPEN
};
inline constexpr std::size_t kOFlagCount = std::size(kOFlagTable);

// The bit of an SC_OFLAG name.
constexpr OFlags oflag(std::string_view name) {
  for (std::size_t i = 0; i < kOFlagCount; ++i)
    if (kOFlagTable[i].name == name) return OFlags{1} << i;
  throw std::invalid_argument("unknown open flag");
}
constexpr OFlags oflags_with(OFlagRole role) {
  OFlags bits = 0;
  for (std::size_t i = 0; i < kOFlagCount; ++i)
    if (kOFlagTable[i].role == role) bits |= OFlags{1} << i;
  return bits;
}
inline constexpr OFlags kAccessModes = oflags_with(OFlagRole::Access);
// The status flags F_GETFL reports and the probe shows.
inline constexpr OFlags kVisibleStatus = oflags_with(OFlagRole::Status);

// Another <fcntl.h> name of an SC_OFLAG (SC_OFLAG_ALIAS), or of a signal
// (SC_SIGNAL_ALIAS): what a case file may write for it.
struct NameAlias {
  std::string_view alias, name;
};
inline constexpr NameAlias kOFlagAliases[] = {
#define SC_OFLAG_ALIAS(ALIAS, NAME) {#ALIAS, #NAME},
#include "spawn_ops.def"
};

std::optional<OFlags> oflag_named(std::string_view name);
// Names joined by '|' in table order; a bit no flag has prints as ?<bit>
// (which no reader accepts, so an invalid value never reads back as a
// valid one); "" for no bits.
std::string oflags_text(OFlags flags);

// ---- attribute flags -------------------------------------------------------------

inline constexpr std::string_view kAttrFlagNames[] = {
#define SC_ATTRFLAG(NAME, short_name) short_name,
#include "spawn_ops.def"
};
inline constexpr std::size_t kAttrFlagCount = std::size(kAttrFlagNames);
// Their <spawn.h> names ("POSIX_SPAWN_SETSID"), in the same order.
inline constexpr std::string_view kAttrFlagSymbols[] = {
#define SC_ATTRFLAG(NAME, short_name) #NAME,
#include "spawn_ops.def"
};

// The bit of an attribute flag's short name ("SETSID").
constexpr AttrFlags attrflag(std::string_view short_name) {
  for (std::size_t i = 0; i < kAttrFlagCount; ++i)
    if (kAttrFlagNames[i] == short_name) return AttrFlags{1} << i;
  throw std::invalid_argument("unknown attribute flag");
}
std::optional<AttrFlags> attrflag_named(std::string_view short_name);
std::string attrflags_text(AttrFlags flags);  // "SETPGROUP|SETSIGMASK"

// ---- signals ---------------------------------------------------------------------

enum class SignalKind { Plain, Unblockable, Fault };  // spawn_ops.def SC_SIGNAL kinds
struct SignalInfo {
  std::string_view name;
  int number;
  SignalKind kind;
};
inline constexpr SignalInfo kSignalTable[] = {
#define PLAIN SignalKind::Plain
#define UNBLOCKABLE SignalKind::Unblockable
#define FAULT SignalKind::Fault
#define SC_SIGNAL(NAME, number, kind) {#NAME, number, kind},
#include "spawn_ops.def"
#undef PLAIN
#undef UNBLOCKABLE
#undef FAULT
};
inline constexpr NameAlias kSignalAliases[] = {
#define SC_SIGNAL_ALIAS(ALIAS, NAME) {#ALIAS, #NAME},
#include "spawn_ops.def"
};
inline constexpr int kMaxSignal = SC_SIGNAL_MAX;
inline constexpr int kRtBase = SC_SIGNAL_RT_BASE;  // SIGRT<n> is signal kRtBase + n

constexpr SigSet sigbit(int signo) { return SigSet{1} << (signo - 1); }
// The number of a standard signal's name.
constexpr int signo(std::string_view name) {
  for (const auto& s : kSignalTable)
    if (s.name == name) return s.number;
  throw std::invalid_argument("unknown signal");
}
constexpr SigSet sig(std::string_view name) { return sigbit(signo(name)); }
constexpr SigSet signals_of(SignalKind kind) {
  SigSet set = 0;
  for (const auto& s : kSignalTable)
    if (s.kind == kind) set |= sigbit(s.number);
  return set;
}
constexpr SigSet signal_range(int first, int last) {
  SigSet set = 0;
  for (int n = first; n <= last; ++n) set |= sigbit(n);
  return set;
}
// signal(7): "The signals SIGKILL and SIGSTOP cannot be caught, blocked, or ignored."
inline constexpr SigSet kUnblockable = signals_of(SignalKind::Unblockable);
// Raised by faulting instructions; an emulator keeps them for itself.
inline constexpr SigSet kFaultSignals = signals_of(SignalKind::Fault);
// Signals libcs reserve for themselves: cases may not name them, and
// observations drop them.
inline constexpr SigSet kLibcInternalSignals = signal_range(SC_SIGNAL_LIBC_FIRST, SC_SIGNAL_LIBC_LAST);
// 1..31: the ones whose number means the same to every libc and emulator.
inline constexpr SigSet kStandardSignals = signal_range(1, kRtBase - 1);

// SIGHUP..SIGSYS, SIGRT<n> for 32..64, else the number in decimal.
std::string signal_name(int signo);
// The number of a canonical name (SIGUSR1, SIGRT3), or nullopt.
std::optional<int> signal_named(std::string_view name);

// ---- errno names -----------------------------------------------------------------

// Every SC_ERRNO name with the host's value.
struct ErrnoInfo {
  std::string_view name;
  int value;
};
std::span<const ErrnoInfo> errnos();
// "0", the SC_ERRNO name, or "E#<n>" for a number spawn_ops.def lacks.
std::string errno_name(int err);
// "0", an SC_ERRNO name or E#<n> (n != 0): what a reply may carry as an error.
bool is_errno_name(std::string_view s);

// ---- kinds ------------------------------------------------------------------------

inline constexpr std::string_view kFixtureKindNames[] = {
#define SC_FIXTURE(ID, name) name,
#include "spawn_ops.def"
};
inline constexpr std::string_view kParentFdKindNames[] = {
#define SC_PARENT_FD(ID, name) name,
#include "spawn_ops.def"
};
inline constexpr std::string_view kFileTypeNames[] = {
#define SC_FILE_TYPE(name, type) #name,
#include "spawn_ops.def"
};
bool is_file_type(std::string_view s);

}  // namespace sc
