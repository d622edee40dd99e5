// outcome.h — what a spawn request results in, in the normalised form both
// the model predicts and the harness derives from an observation, so the two
// compare with ==.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case.h"

namespace sc {

struct FdState {
  // Where the descriptor leads, independent of inode numbers:
  //   "path:<scratch-relative path with symlinks resolved>"
  //   "pipe:<parent fd>"  the pipe end the parent set up at that fd
  //   "other"             anything else (harness-side only; never predicted)
  std::string identity;
  std::string kind;          // reg dir chr blk fifo sock lnk unknown
  OFlags flags = 0;          // access mode + status flags as SC_OFLAG bits
  bool cloexec = false;
  std::optional<std::uint64_t> offset;  // absent for pipes and dirs
  bool operator==(const FdState&) const = default;
};

struct ChildState {
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  Path cwd;                         // scratch-relative, "." for the root
  std::map<int, FdState> fds;
  SigSet sigmask = 0, sigign = 0, sigcatch = 0;  // 32..34 cleared
  std::uint32_t umask = 0;
  // Process-group and session relations (the pids themselves vary).
  bool pgid_is_self = false;        // child leads its own process group
  bool pgid_is_parent_pgid = false; // child stayed in the caller's group
  bool sid_is_self = false;         // child leads its own session
  bool operator==(const ChildState&) const = default;
};

// How an outcome names the probe binary, whose absolute path differs per
// scratch directory, when it is an interpreter (#!) in an argv.
inline constexpr std::string_view kProbeLabel = "<probe>";

// The call that returned an error: posix_spawn_file_actions_init or
// posix_spawnattr_init, a file-action builder (which action), an
// attribute setter (which one), or the spawn itself.
struct Stage {
  enum class Call : std::uint8_t { None, Init, Builder, Setter, Spawn } call = Call::None;
  std::uint32_t index = 0;  // Builder: the action's position; Setter: the AttrSetter
  bool operator==(const Stage&) const = default;
};
// The posix_spawnattr setters in the order a caller calls them.
enum class AttrSetter : std::uint8_t { Flags, Sigmask, Sigdefault, Pgroup };
std::string_view attr_setter_name(AttrSetter s);  // "posix_spawnattr_setflags"
// The call a stage names: "posix_spawn_file_actions_addclose (action 2)"
// (c, when given, names the action).
std::string stage_text(const Stage& s, const Case* c);

struct Outcome {
  // "0" when the call returned 0, else the errno name it returned.
  std::string error = "0";
  Stage stage;  // where error came from; Call::None when error is "0"
  // The call returned 0 and its child exited 127 without running the
  // program: POSIX's other form of reporting a failure (choices.def).
  bool exited_127 = false;
  // Set when the program ran (the probe reported); absent on failure.
  std::optional<ChildState> child;
  bool operator==(const Outcome&) const = default;
};

}  // namespace sc
