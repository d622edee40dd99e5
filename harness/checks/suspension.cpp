// Parent suspension: the calling thread waits for the child's exec or exit.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "text_lines.h"

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

// The child sets a flag at the end of a busy window (LTP clone05's trick):
// a parent that resumed early reads it unset. No timing threshold.
Verdict caller_waits(Session& s) {
  auto r = s.scenario(Scenario::suspend);
  if (auto t = trouble(r)) return *t;
  if (!r.record.flag(Field::suspend_flag_at_return))
    return Verdict::fail(fmt::format("the caller resumed before the child's _exit (flag unset at return; window {} us)",
                                     r.record.integer(Field::suspend_window_us)));
  return Verdict::pass();
}

// A second thread counts while the child holds the caller; the child
// samples the counter at both ends of its own spin, so only time in which
// the caller is held counts, and the caller samples it over as long a window
// just before with nobody held. A thread that ran gets a fair part of that;
// one that was stopped gets nothing. A window before which the thread itself
// was starved proves nothing, and a scheduler can starve it during the
// window too: a FAIL takes three conclusive misses.
Verdict other_threads_run(Session& s) {
  constexpr int kMisses = 3, kAttempts = 8;
  constexpr unsigned long long kConclusive = 10000;  // increments with nobody held
  int misses = 0;
  std::string last = "no window in which the other thread ran beforehand";
  for (int i = 0; i < kAttempts && misses < kMisses; ++i) {
    auto r = s.scenario(Scenario::threads);
    if (auto t = trouble(r)) return *t;
    const auto window = r.record.integer(Field::threads_window_us), child = r.record.integer(Field::threads_child_us);
    if (window < child)
      return Verdict::not_applicable(
          fmt::format("the caller was not held for the child's window ({} us of {} us), so there is no window "
                      "to observe (see suspension.caller-waits-for-child)", window, child));
    auto progress = r.record.count(Field::threads_progress), calibration = r.record.count(Field::threads_calibration);
    if (calibration < kConclusive) continue;
    last = fmt::format("{} increments during the child's {} us, {} in as long a window before it", progress, child,
                       calibration);
    // A fair share on a busy machine is well above a quarter; a
    // stopped thread makes none.
    if (progress * 4 >= calibration) return Verdict::pass(last);
    ++misses;
  }
  if (misses < kMisses) return Verdict::broken(fmt::format("the machine is too loaded to measure: {}", last));
  return Verdict::fail(fmt::format(
      "another thread of the caller was stopped while the child held the calling thread ({}; {} windows)", last,
      misses));
}

// The paths (NULL, empty or non-empty file actions and attributes) along
// which the call returned before the exec, or at every return of which the
// program had already exited: from the `path <name> <early> <running>`
// fields of spawn-release. A path that returned before the exec is not
// held at all, so not held to the exit either.
struct Paths {
  std::vector<std::string> early, exited_at_every_return;
};
Paths paths_of(const ScenarioRecord& v) {
  Paths p;
  for (const auto& line : v.all(Field::release_path)) {
    auto w = words(line);
    if (w.size() != 3) throw std::runtime_error("spawn-release reply: path " + line);
    if (w[1] != "0") p.early.push_back(std::string(w[0]));
    else if (w[2] == "0") p.exited_at_every_return.push_back(std::string(w[0]));
  }
  return p;
}

// Right after each call returns, /proc/<pid>/exe of the child still leading
// to the caller's own image means the call returned before the exec; each
// of the nine ways of passing file actions and attributes is taken, since
// an implementation may fork on some and vfork on others.
Verdict returns_after_exec(Session& s) {
  auto r = s.scenario(Scenario::release);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (v.count(Field::release_errors) != 0)
    return Verdict::fail(fmt::format("{} of {} spawns of the probe failed", v.count(Field::release_errors),
                                     v.count(Field::release_spawns)));
  if (v.count(Field::release_caller_image) != 0 || v.count(Field::release_other) != 0)
    return Verdict::fail(fmt::format(
        "the call returned before the child's exec in {} of {} spawns (the child's /proc/<pid>/exe was still "
        "the caller's image; {} led elsewhere), on {}",
        v.count(Field::release_caller_image), v.count(Field::release_spawns), v.count(Field::release_other),
        fmt::join(paths_of(v).early, " ")), std::nullopt,
        Cause{"not-held", "the caller is not held until the child's exec"});
  return Verdict::pass();
}

// Released at exec, the caller usually gets back while the program still
// runs; held until the program's exit, it never does. A loaded machine can
// let every program finish first, so a path on which the program had exited
// at a return must stay so over every try.
Verdict released_at_exec(Session& s) {
  constexpr int kTries = 3;
  std::vector<std::string> held;
  std::string last;
  for (int i = 0; i < kTries; ++i) {
    auto r = s.scenario(Scenario::release);
    if (auto t = trouble(r)) return *t;
    const auto& v = r.record;
    auto exited = paths_of(v).exited_at_every_return;
    if (i > 0) std::erase_if(held, [&](const std::string& p) { return std::find(exited.begin(), exited.end(), p) == exited.end(); });
    else held = exited;
    if (held.empty())
      return Verdict::pass(fmt::format("the program was still running at {} of {} returns",
                                       v.count(Field::release_program), v.count(Field::release_spawns)));
    last = fmt::format("{} of {} programs had already exited, {} had not exec'd yet", v.count(Field::release_gone),
                       v.count(Field::release_spawns), v.count(Field::release_caller_image));
  }
  return Verdict::fail(fmt::format("the call never returned while the exec'd program was running on {} ({}; {} "
                                   "tries)",
                                   fmt::join(held, " "), last, kTries),
                       std::nullopt, Cause{"held-to-exit", "the caller is held until the program exits, not until its exec"});
}

}  // namespace

void add_suspension_checks(std::vector<Check>& out) {
  out.push_back({"suspension.caller-waits-for-child", Class::suspension, Profile::Linux,
                 "vfork(2), Linux description",
                 "vfork() differs from fork(2) in that the calling thread is suspended until the child "
                 "terminates (either normally, by calling _exit(2), or abnormally, after delivery of a fatal "
                 "signal), or it makes a call to execve(2).",
                 {"vfork-is-fork"},
                 caller_waits, Needs::SharedVm});
  out.push_back({"suspension.other-threads-keep-running", Class::suspension, Profile::Linux,
                 "vfork(2), CAVEATS",
                 "When vfork() is called in a multithreaded process, only the calling thread is suspended until "
                 "the child terminates or executes a new program.",
                 {"stop-the-world"},
                 other_threads_run, Needs::SharedVm});
  out.push_back({"suspension.spawn-returns-after-exec", Class::suspension, Profile::Linux,
                 "posix_spawn(3), NOTES; vfork(2), Linux description",
                 "Since glibc 2.24, the posix_spawn() function commences by calling clone(2) with CLONE_VM and "
                 "CLONE_VFORK flags. ... the calling thread is suspended until the child terminates ... or it "
                 "makes a call to execve(2).",
                 {"no-wait-for-exec"},
                 returns_after_exec, Needs::SharedVm});
  out.push_back({"suspension.spawn-released-at-exec-not-exit", Class::suspension, Profile::Linux,
                 "vfork(2), Linux description",
                 "vfork() differs from fork(2) in that the calling thread is suspended until the child "
                 "terminates (either normally, by calling _exit(2), or abnormally, after delivery of a fatal "
                 "signal), or it makes a call to execve(2).",
                 {"wait-for-exit"},
                 released_at_exec, Needs::SharedVm});
}

}  // namespace sc
