// Concurrency: threads spawning at once each get their own request.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

constexpr unsigned kThreads = 8;

Verdict each_thread_gets_its_own(Session& s) {
  auto r = s.scenario(Scenario::concurrent, kThreads);
  if (auto t = trouble(r)) return *t;
  // thread <index> <ret> <argv as hex words | probe-missing>
  const auto& threads = r.record.all(Field::concurrent_thread);
  if (threads.size() != kThreads)
    return Verdict::broken(fmt::format("concurrent-spawn reported {} threads of {}", threads.size(), kThreads));
  for (unsigned i = 0; i < kThreads; ++i) {
    const std::string want = fmt::format("{} 0 x70726f6265 x74{:x}", i, '0' + i);  // argv {"probe", "t<i>"}
    if (threads[i] != want)
      return Verdict::fail(fmt::format("thread {}'s call: index, result and child's argv {}, expected {}", i,
                                       threads[i], want));
  }
  return Verdict::pass();
}

// Threads spawning at once while another opens close-on-exec fds: every
// child must start with the fds its own request gives it, here none.
Verdict no_fd_crosses_threads(Session& s) {
  auto r = s.scenario(Scenario::cloexec);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  const auto spawns = v.count(Field::cloexec_spawns), errors = v.count(Field::cloexec_errors),
             missing = v.count(Field::cloexec_missing), leaks = v.count(Field::cloexec_leaks);
  if (leaks != 0)
    return Verdict::fail(fmt::format("{} of {} children started with an fd they were not given (first: {})", leaks,
                                     spawns, v.text(Field::cloexec_first_leak)));
  // qemu-user's fork of a threaded emulated caller sometimes leaves the
  // child hung before its exec (seen on armhf under load): a missing
  // report there says nothing about the implementation. Leaks still fail.
  if (errors == 0 && missing != 0 && !vm_shared(s.hello()))
    return Verdict::not_applicable(fmt::format(
        "cannot be verified here: {} of {} children of the threaded caller never reported, in an environment whose "
        "clone(CLONE_VM|CLONE_VFORK) is a fork (qemu-user)", missing, spawns));
  if (errors != 0 || missing != 0)
    return Verdict::fail(fmt::format("of {} concurrent spawns, {} failed and {} programs did not report", spawns,
                                     errors, missing));
  return Verdict::pass();
}

}  // namespace

void add_concurrency_checks(std::vector<Check>& out) {
  out.push_back({"concurrency.threads-get-their-own-request", Class::concurrency, Profile::Posix,
                 "POSIX.1-2024 XSH 2.9.1 Thread-Safety",
                 "All functions defined by this volume of POSIX.1-2024 shall be thread-safe, except that the "
                 "following functions need not be thread-safe. (posix_spawn() is not among them.)",
                 {"race"},
                 each_thread_gets_its_own});
  out.push_back({"concurrency.no-fd-leaks-between-threads", Class::concurrency, Profile::Posix,
                 "POSIX.1-2024 open, O_CLOEXEC; XSH 2.9.1 Thread-Safety",
                 "O_CLOEXEC If set, the FD_CLOEXEC flag for the new file descriptor shall be set. ... (posix_spawn() "
                 "is thread-safe: the fds one thread creates close-on-exec never reach another thread's child.)",
                 {"cloexec-race"},
                 no_fd_crosses_threads});
}

}  // namespace sc
