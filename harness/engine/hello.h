// hello.h — the agent's HELLO reply (docs/protocol.md) in memory: which
// libc and architecture it runs, and what it observed of its environment.
// Parsed strictly on arrival; a field missing or malformed is an error.
#pragma once

#include <string>
#include <string_view>

#include "parsed.h"

namespace sc {

struct Hello {
  std::string libc;  // glibc | musl | unknown
  std::string arch;  // uname machine
  // Whether a clone(CLONE_VM|CLONE_VFORK) child's store reached the agent:
  // No under qemu-user, which turns such a clone into a fork.
  enum class VmShared { Yes, No, CloneFailed } vm_shared = VmShared::Yes;
  std::string clone3 = "ok";     // ok | an errno name (ENOSYS under emulators)
  std::string subreaper = "ok";  // ok | an errno name: its PR_SET_CHILD_SUBREAPER
  std::string vm_error;          // CloneFailed: the errno name
  bool operator==(const Hello&) const = default;
};

Parsed<Hello> parse_hello(std::string_view text);

}  // namespace sc
