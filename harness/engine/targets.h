// targets.h — where an agent runs: the host, or a libc or architecture this
// build has a target-side build for (cmake/targets.cmake), natively or
// under qemu-user, and how its child reaches the probe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sc {

struct Target {
  std::string name = "host";
  std::vector<std::string> agent;  // command: launcher and emulator prefix + agent path
  std::string probe;               // probe binary the child execs
  std::string how = "native";      // how it runs, for reports ("qemu-aarch64, host-native probe")
  // The bound on one request unless the user gives one: an emulated agent
  // and its emulated children run tens of times slower (100 concurrent
  // spawns took 11-18 s under qemu on a loaded 2-core machine).
  unsigned timeout_ms = 5000;
  // The child execs the host's probe while the caller is emulated: the
  // probe's signal numbers above 31 are the emulator's mapping.
  bool host_probe_under_emulation = false;
  bool emulated() const { return agent.size() > 1; }
};

// How an emulated child execs the probe (docs/cross.md): Binfmt runs the
// target's own probe through a binfmt_misc registration private to the
// agent's namespace; Host runs the host's static probe, which the kernel
// executes natively; Auto is Binfmt where it can be registered, else Host.
enum class ProbeMode { Auto, Binfmt, Host };

// The host target built with this harness.
Target host_target();
// The targets this build has agents for: "host", and "musl" and each
// architecture whose toolchain was found (cmake/targets.cmake).
const std::vector<std::string>& target_names();

struct TargetOrError {
  std::optional<Target> target;
  std::string error;  // when !target: one line
};
// The target of that name set up for backend ("impl:<so>" needs a dynamic
// agent) and probe mode.
TargetOrError resolve_target(const std::string& name, const std::string& backend, ProbeMode mode);
// "" when this build has an agent for the target that can run backend in
// that probe mode, else a one-line reason.
std::string target_error(const std::string& name, const std::string& backend = "libc",
                         ProbeMode mode = ProbeMode::Auto);
// resolve_target(name, "libc", Auto).target.
std::optional<Target> target_named(const std::string& name);

}  // namespace sc
