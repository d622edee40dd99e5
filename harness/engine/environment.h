// environment.h — what the machine under the agent can and cannot show.
// An emulator such as qemu-user turns CLONE_VM|CLONE_VFORK into a fork and
// may start every emulated program through a loader of its own; the
// guarantees that rest on those cannot be verified there, and a check says
// N/A with the reason instead of a false PASS or FAIL. Everything here is
// observed (the agent's HELLO, a calibration run), never taken from a flag.
#pragma once

#include <string>

#include "hello.h"

namespace sc {

class Session;
struct Run;

// What a check needs of the environment beyond the implementation.
enum class Needs {
  Nothing,
  // clone(CLONE_VM|CLONE_VFORK) shares memory and holds the caller (the
  // vfork guarantees themselves).
  SharedVm,
  // An exec'd program receives argv and envp exactly as passed to execve.
  ExactStrings,
};

// "" when the session's environment can show what n needs, else why not.
std::string environment_limit(Session& s, Needs n);

// Whether the agent saw a clone(CLONE_VM|CLONE_VFORK) child share its memory.
bool vm_shared(const Hello& hello);

// "" unless r looks exactly like an error lost to an unshared VM: the
// model predicts an error, the call returned 0 and the child exited 127
// (or could not be waited for) without running the program, in an
// environment whose vfork-style clone is a fork. Implementations that report exec errors through the memory
// the child is meant to share (glibc) can only fail that way there.
std::string lost_error(const Hello& hello, const Run& r);

}  // namespace sc
