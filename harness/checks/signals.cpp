// Signal delivery after release.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

// The child signals its parent at the start of the window and marks the
// release at its end; the parent's handler records which it saw first.
Verdict delivered_after_release(Session& s) {
  auto r = s.scenario("vfork-signal");
  if (auto t = trouble(r)) return *t;
  if (r.get("handler-in-child") != "0")
    return Verdict::fail("the parent's signal handler ran in the child, on the shared memory");
  if (r.get("handled") != "1")
    return Verdict::fail(fmt::format("the signal was handled {} times, expected once", r.get("handled")));
  if (r.get("handled-before-release") != "0")
    return Verdict::fail("the signal was handled while the child still held the parent's memory");
  return Verdict::pass();
}

}  // namespace

void add_signals_checks(std::vector<Check>& out) {
  out.push_back({"signals.delivered-after-release", Class::signals, Profile::Linux,
                 "vfork(2), Linux description",
                 "Signals sent to the parent arrive after the child releases the parent's memory (i.e., after the "
                 "child terminates or calls execve(2)).",
                 delivered_after_release});
}

}  // namespace sc
