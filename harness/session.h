// session.h — one backend under test: its agent, its scratch directory and
// the model it is compared with. Runs cases and scenarios and turns the
// agent's reply into the normalised Outcome the model also predicts.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent_client.h"
#include "case.h"
#include "model.h"
#include "outcome.h"
#include "report.h"
#include "scratch.h"

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
// resolve_target(name, "libc", Auto).target.
std::optional<Target> target_named(const std::string& name);

// One request and its reply, or why there is no usable reply.
struct Exchange {
  AgentReply reply;
  std::string trouble;   // non-empty: no usable reply (the cause)
  bool crashed = false;  // ...because the implementation crashed or hung the caller
  // Non-empty: the reply is what the environment, not the implementation,
  // makes of the request, so it can show nothing (environment.h).
  std::string unverifiable;
};

struct Run : Exchange {
  Outcome observed;      // normalised from the reply
  Prediction predicted;  // what the model says should happen
};

struct ScenarioRun : Exchange {
  // Value of `scenario <key> ...`, "" when absent.
  std::string get(const std::string& key) const;
};

class Session {
 public:
  // timeout_ms 0: the target's own default.
  Session(std::string backend, Target target = host_target(), unsigned timeout_ms = 0);

  const std::string& backend() const { return backend_; }
  const ModelEnv& model_env() const { return env_; }
  const Scratch& scratch() const { return *scratch_; }
  const Target& target() const { return target_; }
  // The HELLO of the running agent ("" before the first request).
  const std::string& hello() const;

  Run run(const Case& c) { return run_on(backend_, c); }
  // The same with another backend of the same agent (calibration runs).
  Run run_on(const std::string& backend, const Case& c);
  ScenarioRun scenario(const std::string& name, unsigned param = 0);

 private:
  void send(const std::string& frame, Exchange& into);

  std::string backend_;
  Target target_;
  unsigned timeout_ms_;
  std::unique_ptr<Scratch> scratch_;
  std::unique_ptr<AgentClient> agent_;
  ModelEnv env_;
};

}  // namespace sc
