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
  std::vector<std::string> agent;  // command: emulator prefix + agent path
  std::string probe;               // probe binary for this target
};

// The host target built with this harness.
Target host_target();
// The targets this build has agents for: "host", and "musl" / "aarch64"
// where their toolchains were found (cmake/targets.cmake).
const std::vector<std::string>& target_names();
// The target of that name; nullopt when this build has none.
std::optional<Target> target_named(const std::string& name);

// One request and its reply, or why there is no usable reply.
struct Exchange {
  AgentReply reply;
  std::string trouble;   // non-empty: no usable reply (the cause)
  bool crashed = false;  // ...because the implementation crashed or hung the caller
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
  Session(std::string backend, Target target = host_target(), unsigned timeout_ms = 5000);

  const std::string& backend() const { return backend_; }
  const ModelEnv& model_env() const { return env_; }
  const Scratch& scratch() const { return *scratch_; }

  Run run(const Case& c);
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
