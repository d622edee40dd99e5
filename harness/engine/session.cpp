#include "session.h"

#include <stdexcept>

#include <fmt/format.h>

#include "backends.h"
#include "case_build.h"
#include "environment.h"
#include "model_env.h"
#include "wire_encode.h"

namespace sc {
namespace {

Expectation expected_by_default(const std::string& backend, const Hello& hello) {
  if (is_impl(backend)) return Expectation::Posix;
  if (backend != "libc") return Expectation::Refcore;
  if (hello.libc == "glibc") return Expectation::Glibc;
  if (hello.libc == "musl") return Expectation::Musl;
  return Expectation::Posix;
}

ModelEnv model_env_for(const std::string& backend, const Scratch& scratch, const Hello& hello, const Judging& j) {
  return host_model_env(scratch.probe(), j.profile, j.expect.value_or(expected_by_default(backend, hello)));
}

}  // namespace

Session::Session(std::string backend, Target target, unsigned timeout_ms, Judging judging)
    : backend_(std::move(backend)),
      target_(std::move(target)),
      timeout_ms_(timeout_ms ? timeout_ms : target_.timeout_ms),
      judging_(judging) {
  scratch_ = std::make_unique<Scratch>(target_.probe);
  agent_ = std::make_unique<AgentClient>(target_.agent, scratch_->dir(), scratch_->probe());
}

const Hello& Session::hello() {
  if (auto e = agent_->ensure_started(); !e.empty()) throw std::runtime_error(e);
  return agent_->hello();
}

const ModelEnv& Session::model_env() {
  if (!env_) env_ = model_env_for(backend_, *scratch_, hello(), judging_);
  return *env_;
}

void Session::send(const std::string& frame, ReplyTo to, Exchange& into) {
  auto got = agent_->request(frame, timeout_ms_);
  if (!got.ok) {
    into.trouble = fmt::format("hung or killed the agent: {}", got.error);
    into.crashed = true;
    return;
  }
  auto parsed = parse_agent_reply(got.text, to);
  if (!parsed) {
    into.trouble = fmt::format("agent reply: {}", parsed.error);
    return;
  }
  into.reply = std::move(*parsed.value);
  if (into.reply.result == AgentReply::Result::Crashed) {
    into.trouble = fmt::format("crashed the caller ({})", into.reply.reason);
    into.crashed = true;
  } else if (into.reply.result == AgentReply::Result::Timeout) {
    into.trouble = "hung the caller past the timeout";
    into.crashed = true;
  }
}

Run Session::run_on(const std::string& backend, const Case& c, Prediction predicted) {
  Run r;
  r.predicted = std::move(predicted);
  if (auto e = scratch_->build_fixture(c); !e.empty()) {
    r.trouble = fmt::format("fixture: {}", e);
    return r;
  }
  send(encode_run(c, backend, timeout_ms_), ReplyTo::Spawn, r);
  if (!r.trouble.empty()) return r;
  r.observed = observe(r.reply, {&c, scratch_->identities(c), scratch_->root(), scratch_->probe(),
                                 target_.host_probe_under_emulation});
  r.unverifiable = lost_error(agent_->hello(), r);
  return r;
}

ScenarioRun Session::scenario(Scenario s, unsigned param) {
  ScenarioRun r;
  send(encode_scenario(scenario_name(s), backend_, param, timeout_ms_), ReplyTo::Scenario, r);
  if (!r.trouble.empty() || r.reply.result != AgentReply::Result::Ok) return r;
  auto record = parse_scenario_record(s, r.reply.scenario);
  if (!record) r.trouble = record.error;
  else r.record = std::move(*record.value);
  return r;
}

Run predict_and_run(Session& s, const Case& c) {
  Prediction p;
  try {
    p = predict(c, s.model_env());
  } catch (const std::runtime_error& e) {
    Run r;
    r.trouble = e.what();
    return r;
  }
  return s.run(c, std::move(p));
}

std::string preflight(Session& s) {
  Run r = predict_and_run(s, probe_case("preflight"));
  if (!r.trouble.empty()) return r.trouble;
  if (r.reply.result == AgentReply::Result::Broken) return r.reply.reason;
  return {};
}

}  // namespace sc
