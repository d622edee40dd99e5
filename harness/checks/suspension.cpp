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

// A second thread counts while the child holds the caller; the child samples
// the counter at both ends of its window through the shared memory.
Verdict other_threads_run(Session& s) {
  auto r = s.scenario("vfork-threads");
  if (auto t = trouble(r)) return *t;
  if (r.get("shared") != "1")
    return Verdict::not_applicable("the child does not share the caller's memory, so the window cannot be observed");
  if (r.get("other-thread-progress") != "1")
    return Verdict::fail("another thread of the caller made no progress while the child held the calling thread");
  return Verdict::pass();
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
