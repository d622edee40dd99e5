#include "environment.h"

#include <fmt/format.h>

#include "case_build.h"
#include "session.h"

namespace sc {
namespace {

constexpr std::string_view kUnsharedVm =
    "clone(CLONE_VM|CLONE_VFORK) is a fork in this environment (a store by the agent's test child never reached "
    "the agent; qemu-user turns such a clone into a fork)";

// The bytes every exec must pass through unchanged, run with the raw
// fork+execve backend: whatever changes them is the environment's loader.
std::string strings_limit(Session& s) {
  Case c = probe_case("environment-exact-strings");
  c.argv = {"probe", "", std::string("\xff", 1)};
  c.envp = {"A=1", "", "A=2"};
  Run r = s.run_on("fork-exec", c, {});  // compared with c itself, not the model
  if (!r.trouble.empty()) return fmt::format("calibration run failed: {}", r.trouble);
  if (!r.observed.outcome.child) return "calibration run: the probe did not report";
  if (r.observed.outcome.child->argv == c.argv && r.observed.outcome.child->envp == c.envp) return {};
  return fmt::format(
      "a plain fork+execve here does not pass argv/envp unchanged (envp [{}] arrived as [{}]): each exec'd program "
      "starts through the emulator's own loader (qemu-user rebuilds the environment: duplicates merged, strings "
      "without '=' dropped)",
      fmt::join(c.envp, ", "), fmt::join(r.observed.outcome.child->envp, ", "));
}

}  // namespace

bool vm_shared(const Hello& hello) { return hello.vm_shared != Hello::VmShared::No; }

std::string environment_limit(Session& s, Needs n) {
  switch (n) {
    case Needs::Nothing: return {};
    case Needs::SharedVm: return vm_shared(s.hello()) ? std::string() : std::string(kUnsharedVm);
    case Needs::ExactStrings: return strings_limit(s);
  }
  return {};
}

std::string lost_error(const Hello& hello, const Run& r) {
  if (r.predicted.allows(r.observed.outcome)) return {};
  const std::string& want = r.predicted.outcome().error;
  // A caller ignoring SIGCHLD cannot wait for the 127: the child is gone.
  const bool exited127 = r.reply.wait == AgentReply::Wait::Exited && r.reply.wait_code == 127;
  if (vm_shared(hello) || want.empty() || want == "0" || r.observed.outcome.error != "0" || r.reply.probe ||
      !(exited127 || r.reply.wait == AgentReply::Wait::None))
    return {};
  return fmt::format("cannot be verified here: {}, and an implementation that reports exec errors through that "
                     "memory (as glibc does) returns 0 with a child exiting 127 instead of {}",
                     kUnsharedVm, want);
}

}  // namespace sc
