// scratch_owner.h — scratch directories left by runs that were killed
// (SIGKILL from the OOM killer or a CI hard timeout leaves no process: the
// agent dies with the harness, but its $TMPDIR/spawncheck.XXXXXX stays).
// Each scratch directory carries a marker naming its owner (pid, start
// time, boot, pid namespace); a later run removes the directories whose
// owner is gone, and nothing else.
#pragma once

#include <optional>
#include <string>

namespace sc {

// The marker's file name inside a scratch directory.
inline constexpr const char* kOwnerMarker = "owner";

// The marker's contents for this process.
std::string owner_marker();

// Whether marker text names a process that still runs: nullopt when the
// text is not a marker or its owner cannot be judged from here (another
// pid namespace), else true or false. A pid reused by another process
// does not count: its start time differs.
std::optional<bool> owner_alive(const std::string& marker);

// Removes every spawncheck.XXXXXX directory directly in tmpdir that is a
// real directory (not a symlink) owned by this uid, holding a marker file
// of ours whose owner is gone. Returns how many it removed.
int sweep_scratch(const std::string& tmpdir);

}  // namespace sc
