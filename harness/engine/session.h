// session.h — one backend under test: its agent, its scratch directory and
// what the model must know of the environment. It carries requests and
// turns replies into observations; it never predicts: a run is compared
// with the prediction its caller made and handed in.
#pragma once

#include <memory>
#include <string>

#include "agent_client.h"
#include "agent_reply.h"
#include "case.h"
#include "model.h"
#include "normalise.h"
#include "scenario_reply.h"
#include "scratch.h"
#include "targets.h"

namespace sc {

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
  Observation observed;  // normalised from the reply (normalise.h)
  Prediction predicted;  // what it is compared with, as its caller made it
};

struct ScenarioRun : Exchange {
  ScenarioRecord record;  // the typed reply; meaningful when trouble is empty
};

// What the runs of a session are judged by: the profile, and whose
// documented choices are expected (nullopt: posix for an --impl library,
// the libc the agent runs for libc, refcore for refcore's backends).
struct Judging {
  Profile profile = Profile::Linux;
  std::optional<Expectation> expect;
};

class Session {
 public:
  // timeout_ms 0: the target's own default.
  Session(std::string backend, Target target = host_target(), unsigned timeout_ms = 0, Judging judging = {});

  const std::string& backend() const { return backend_; }
  // Known once the agent has answered HELLO (the first request starts it).
  const ModelEnv& model_env();
  const Scratch& scratch() const { return *scratch_; }
  const Target& target() const { return target_; }
  Profile profile() const { return judging_.profile; }
  // The running agent's HELLO; starts the agent if none runs. Throws
  // std::runtime_error when it cannot start.
  const Hello& hello();

  Run run(const Case& c, Prediction predicted) { return run_on(backend_, c, std::move(predicted)); }
  // The same with another backend of the same agent (calibration runs).
  Run run_on(const std::string& backend, const Case& c, Prediction predicted);
  ScenarioRun scenario(Scenario s, unsigned param = 0);

 private:
  void send(const std::string& frame, ReplyTo to, Exchange& into);

  std::string backend_;
  Target target_;
  unsigned timeout_ms_;
  Judging judging_;
  std::unique_ptr<Scratch> scratch_;
  std::unique_ptr<AgentClient> agent_;
  std::optional<ModelEnv> env_;
};

// The run of c compared with the model's prediction for this session.
Run predict_and_run(Session& s, const Case& c);

// "" when s runs a plain probe case, else why it cannot (a setup error):
// one plain request first, so a backend that cannot work at all (an --impl
// lacking a required symbol, an agent that does not start) is one clear
// error instead of a column of BROKEN checks.
std::string preflight(Session& s);

}  // namespace sc
