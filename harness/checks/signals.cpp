// Signal delivery after release.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

// The child signals its parent at the start of the window and marks the
// release at its end; the parent's handler records which it saw first.
Verdict delivered_after_release(Session& s) {
  auto r = s.scenario(Scenario::signal);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (v.count(Field::signal_handler_in_child) != 0)
    return Verdict::fail("the parent's signal handler ran in the child, on the shared memory");
  if (v.count(Field::signal_handled) != 1)
    return Verdict::fail(fmt::format("the signal was handled {} times, expected once", v.count(Field::signal_handled)));
  if (v.count(Field::signal_handled_before_release) != 0)
    return Verdict::fail("the signal was handled while the child still held the parent's memory");
  return Verdict::pass();
}

// A helper held by its spinning child gets SIGTERM (default action). Linux
// waits for the child killably, so the helper dies at once; one that waits
// for the child's 2 s first did not let the signal end it. A loaded
// machine can delay a death too, so the bound is half the hold and a miss
// must repeat.
Verdict fatal_signal_ends_held_caller(Session& s) {
  constexpr int kTries = 2;
  std::string last;
  for (int i = 0; i < kTries; ++i) {
    auto r = s.scenario(Scenario::fatal);
    if (auto t = trouble(r)) return *t;
    const auto& v = r.record;
    if (v.text(Field::fatal_status) != "signaled SIGTERM")
      return Verdict::fail(fmt::format("the held caller did not die of SIGTERM: {}", v.text(Field::fatal_status)));
    auto us = v.integer(Field::fatal_death_us), hold = v.integer(Field::fatal_hold_us);
    if (us <= hold / 2) return Verdict::pass(fmt::format("dead {} us after SIGTERM", us));
    last = fmt::format("dead {} us after SIGTERM, with its child holding it for {} us", us, hold);
  }
  return Verdict::fail(fmt::format("a fatal signal did not end the caller while its child held it ({}; {} tries)",
                                   last, kTries));
}

// bionic's signal_stress: a caught signal sent to the process group in a
// loop while the caller spawns, along each way of passing file actions and
// attributes; the handler counts its runs in a child sharing the caller's
// memory (where it is a hazard) apart from runs in a fork child (harmless).
Verdict handlers_never_run_in_child(Session& s) {
  auto r = s.scenario(Scenario::storm);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  const auto spawns = v.count(Field::storm_spawns);
  if (v.count(Field::storm_handler_in_shared_child) != 0)
    return Verdict::fail(fmt::format("the caller's SIGWINCH handler ran {} times in a spawned child sharing the "
                                     "caller's memory ({} spawns under a SIGWINCH storm)",
                                     v.count(Field::storm_handler_in_shared_child), spawns),
                         std::nullopt, Cause{"handler-in-child", "a caught signal's handler runs in the vfork child"});
  if (v.count(Field::storm_errors) != 0)
    return Verdict::fail(fmt::format("{} of {} spawns failed under a signal storm", v.count(Field::storm_errors), spawns));
  if (v.count(Field::storm_handled) == 0) return Verdict::broken("the signal storm never reached the caller");
  return Verdict::pass(fmt::format("{} signals handled by the caller over {} spawns", v.count(Field::storm_handled),
                                   spawns));
}

}  // namespace

void add_signals_checks(std::vector<Check>& out) {
  out.push_back({"signals.delivered-after-release", Class::signals, Profile::Linux,
                 "vfork(2), Linux description",
                 "Signals sent to the parent arrive after the child releases the parent's memory (i.e., after the "
                 "child terminates or calls execve(2)).",
                 {"vfork-is-fork"},
                 delivered_after_release, Needs::SharedVm});
  out.push_back({"signals.fatal-signal-ends-held-caller", Class::signals, Profile::Linux,
                 "DESIGN.md, signal delivery after release; Linux kernel/fork.c wait_for_vfork_done (paraphrased)",
                 "(paraphrased) The parent waits for its vfork child killably: signals sent to it arrive after the "
                 "release, but a fatal signal still ends it during the window.",
                 {"vfork-masked"},
                 fatal_signal_ends_held_caller, Needs::SharedVm});
  out.push_back({"signals.caller-handlers-never-run-in-child", Class::signals, Profile::Posix,
                 "POSIX.1-2024 posix_spawn; vfork(2), CAVEATS",
                 "Signals set to be caught by the calling process shall be set to the default action in the child "
                 "process. ... if a signal handler that is invoked in the child of vfork() changes memory, those "
                 "changes may result in an inconsistent process state from the perspective of the parent process",
                 {"handlers-not-reset"},
                 handlers_never_run_in_child});
}

}  // namespace sc
