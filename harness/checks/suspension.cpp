// Parent suspension: the calling thread waits for the child's exec or exit.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

// The child sets a flag at the end of a busy window (LTP clone05's trick):
// a parent that resumed early reads it unset. No timing threshold.
Verdict caller_waits(Session& s) {
  auto r = s.scenario("vfork-suspend");
  if (auto t = trouble(r)) return *t;
  if (r.get("flag-at-return") != "1")
    return Verdict::fail(fmt::format(
        "the caller resumed before the child's _exit (flag unset at return; window {} us)", r.get("window-us")));
  return Verdict::pass();
}

// A second thread counts while the child holds the caller; the caller
// samples the counter on both sides of the window, and over as long a
// window just before with nobody held. A thread that ran gets a fair part of
// that; one that was stopped gets only what it did before the stop arrived.
// A scheduler can starve one thread for a while, so a miss must repeat.
Verdict other_threads_run(Session& s) {
  constexpr int kTries = 3;
  std::string last;
  for (int i = 0; i < kTries; ++i) {
    auto r = s.scenario("vfork-threads");
    if (auto t = trouble(r)) return *t;
    if (std::stoll(r.get("window-us")) < std::stoll(r.get("child-us")))
      return Verdict::not_applicable(
          fmt::format("the caller was not held for the child's window ({} us of {} us), so there is no window "
                      "to observe (see suspension.caller-waits-for-child)", r.get("window-us"), r.get("child-us")));
    auto progress = std::stoull(r.get("progress")), calibration = std::stoull(r.get("calibration"));
    last = fmt::format("{} increments in a {} us window, {} in as long a window before it", progress,
                       r.get("window-us"), calibration);
    if (progress * 20 >= calibration) return Verdict::pass(last);
  }
  return Verdict::fail(fmt::format(
      "another thread of the caller was stopped while the child held the calling thread ({}; {} tries)", last, kTries));
}

}  // namespace

void add_suspension_checks(std::vector<Check>& out) {
  out.push_back({"suspension.caller-waits-for-child", Class::suspension, Profile::Linux,
                 "vfork(2), Linux description",
                 "vfork() differs from fork(2) in that the calling thread is suspended until the child "
                 "terminates (either normally, by calling _exit(2), or abnormally, after delivery of a fatal "
                 "signal), or it makes a call to execve(2).",
                 caller_waits});
  out.push_back({"suspension.other-threads-keep-running", Class::suspension, Profile::Linux,
                 "vfork(2), CAVEATS",
                 "When vfork() is called in a multithreaded process, only the calling thread is suspended until "
                 "the child terminates or executes a new program.",
                 other_threads_run});
}

}  // namespace sc
