// Shared memory: under Linux the child's writes are the parent's writes.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

Verdict child_writes_seen(Session& s) {
  auto r = s.scenario(Scenario::share);
  if (auto t = trouble(r)) return *t;
  std::vector<std::string> lost;
  for (auto where : {Field::share_global, Field::share_heap, Field::share_stack})
    if (!r.record.flag(where)) lost.emplace_back(field_key(where));
  if (!lost.empty())
    return Verdict::fail(fmt::format("the child's writes to {} were not seen by the parent", fmt::join(lost, ", ")));
  return Verdict::pass();
}

// The child of a vfork-style spawn runs on the caller's thread pointer, so
// every failed call it makes (a sigaction on a signal the libc reserves, on
// SIGKILL...) writes the caller's errno. The agent sets errno to 0
// before the call; glibc and musl leave it there on success (not when
// SETSIGDEF names SIGKILL: both then leave EINVAL, measured).
// POSIX leaves errno unspecified after a successful call, so only an
// expectation of glibc's or musl's behaviour makes this a requirement.
Verdict errno_kept_on_success(Session& s) {
  if (s.model_env().expect == Expectation::Posix) {
    const auto& errno_choice = choice_info(Choice::ERRNO_AFTER_SUCCESS);
    return Verdict::not_applicable(fmt::format("POSIX leaves {} to the implementation ({}: {}); --expect glibc or "
                                               "musl holds one to that",
                                               errno_choice.what, errno_choice.options[0].name,
                                               errno_choice.options[0].who));
  }
  Case c = probe_case("shared-memory-errno-kept");
  c.sigcatch = sig("SIGTERM");
  Run r = predict_and_run(s, c);
  if (auto t = trouble(r, c)) return *t;
  if (!agrees(r)) return judge(r, c, "the program's state");
  if (r.reply.errno_after != "0")
    return Verdict::fail(fmt::format("errno was {} after a successful call (0 before it)", r.reply.errno_after), c);
  return Verdict::pass();
}

}  // namespace

void add_shared_memory_checks(std::vector<Check>& out) {
  out.push_back({"shared_memory.child-writes-seen-by-parent", Class::shared_memory, Profile::Linux,
                 "vfork(2), Linux description; TLPI 24.3",
                 "Until that point, the child shares all memory with its parent, including the stack.",
                 {"vfork-is-fork"},
                 child_writes_seen, Needs::SharedVm});
  out.push_back({"shared_memory.errno-kept-on-success", Class::shared_memory, Profile::Linux,
                 "vfork(2), CAVEATS; glibc 2.36 and musl 1.2.3 keep errno on success (measured; POSIX.1-2024 "
                 "XSH 2.3 leaves it unspecified)",
                 "The child process should take care not to modify the memory in unintended ways, since such "
                 "changes will be seen by the parent process once the child terminates or executes another "
                 "program.",
                 {{"errno-clobbered", Expectation::Glibc}},
                 errno_kept_on_success});
}

}  // namespace sc
