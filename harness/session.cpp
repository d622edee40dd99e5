#include "session.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

#include <fmt/format.h>

#include "environment.h"
#include "wire_encode.h"

namespace sc {
namespace {

ModelEnv model_env_for(const std::string& backend, const Scratch& scratch, const std::string& hello) {
  ModelEnv env;
  env.probe_path = scratch.probe();
  env.root = ::geteuid() == 0;
  rlimit stack{}, files{};
  if (::getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY)
    env.arg_max = std::max<std::size_t>(stack.rlim_cur / 4, 128 * 1024);
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) env.nofile = static_cast<int>(files.rlim_cur);
  if (backend == "libc")
    env.libc = hello.find("libc musl") != std::string::npos ? ModelEnv::Libc::Musl : ModelEnv::Libc::Glibc;
  else
    env.libc = ModelEnv::Libc::Refcore;
  return env;
}

// Parent pipes are named by their read end: both ends share one inode.
void add_pipe_identities(const Case& c, const CallerState& before, IdentityMap& ids) {
  for (const auto& p : c.fds) {
    if (p.kind != ParentFd::Kind::PipeRead) continue;
    auto it = before.fds.find(p.fd);
    if (it == before.fds.end()) continue;
    ids[{it->second.major, it->second.minor, it->second.ino}] = fmt::format("pipe:{}", p.fd);
  }
}

// A shebang hands the interpreter's absolute path to the program, and each
// session has its own scratch: name it the same way everywhere so outcomes
// compare across sessions and backends.
void relabel_probe(Outcome& o, const std::string& probe) {
  if (!o.child) return;
  for (auto& a : o.child->argv)
    if (a == probe) a = "<probe>";
}

// A host-native probe run by an emulated caller reports host signal
// numbers, and qemu-user maps the target's real-time signals onto other
// host ones (glibc's SIGCANCEL, 32 on the target, is host 35). Only 1-31
// mean the same on both sides, so only they are compared. The emulator
// never blocks or ignores the fault signals its own translation needs
// (SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV: found by spawncheck fuzz), so
// neither reaches an exec'd program there.
void keep_standard_signals(Run& r) {
  constexpr SigSet kStandard = (SigSet{1} << 31) - 1;
  constexpr auto bit = [](int sig) { return SigSet{1} << (sig - 1); };
  constexpr SigSet kFaults = bit(SIGILL) | bit(SIGTRAP) | bit(SIGBUS) | bit(SIGFPE) | bit(SIGSEGV);
  for (auto* o : {&r.observed, &r.predicted.outcome})
    if (o->child)
      o->child->sigmask &= kStandard & ~kFaults, o->child->sigign &= kStandard & ~kFaults,
          o->child->sigcatch &= kStandard;
}

}  // namespace

Target host_target() { return {"host", {SPAWNCHECK_AGENT_PATH}, SPAWNCHECK_PROBE_PATH, "native"}; }

std::string ScenarioRun::get(const std::string& key) const {
  auto it = reply.scenario.find(key);
  return it == reply.scenario.end() ? std::string() : it->second;
}

Session::Session(std::string backend, Target target, unsigned timeout_ms)
    : backend_(std::move(backend)), target_(std::move(target)), timeout_ms_(timeout_ms ? timeout_ms : target_.timeout_ms) {
  scratch_ = std::make_unique<Scratch>(target_.probe);
  agent_ = std::make_unique<AgentClient>(target_.agent, scratch_->dir(), scratch_->probe());
}

void Session::send(const std::string& frame, Exchange& into) {
  auto got = agent_->request(frame, timeout_ms_);
  if (!got.ok) {
    into.trouble = fmt::format("hung or killed the agent: {}", got.error);
    into.crashed = true;
    return;
  }
  auto parsed = parse_agent_reply(got.text);
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

const std::string& Session::hello() const { return agent_->hello(); }

Run Session::run_on(const std::string& backend, const Case& c) {
  Run r;
  if (auto e = scratch_->build_fixture(c); !e.empty()) {
    r.trouble = fmt::format("fixture: {}", e);
    return r;
  }
  send(encode_run(c, backend, timeout_ms_), r);
  // Fixed for the session once the agent has said which libc it runs.
  if (env_.probe_path.empty() && !agent_->hello().empty()) env_ = model_env_for(backend_, *scratch_, agent_->hello());
  r.predicted = predict(c, env_);
  if (!r.trouble.empty()) return r;
  r.observed.error = r.reply.ret;
  if (r.reply.probe) {
    IdentityMap ids = scratch_->identities(c);
    add_pipe_identities(c, r.reply.before, ids);
    r.observed.child = normalise(*r.reply.probe, ids, scratch_->root(), r.reply.self_pgid);
  }
  relabel_probe(r.observed, scratch_->probe());
  relabel_probe(r.predicted.outcome, scratch_->probe());
  if (target_.host_probe_under_emulation) keep_standard_signals(r);
  r.unverifiable = lost_error(agent_->hello(), r);
  return r;
}

ScenarioRun Session::scenario(const std::string& name, unsigned param) {
  ScenarioRun r;
  send(encode_scenario(name, backend_, param, timeout_ms_), r);
  return r;
}

}  // namespace sc
