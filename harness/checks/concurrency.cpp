// Concurrency: threads spawning at once each get their own request.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

constexpr unsigned kThreads = 8;

Verdict each_thread_gets_its_own(Session& s) {
  auto r = s.scenario("concurrent-spawn", kThreads);
  if (auto t = trouble(r)) return *t;
  for (unsigned i = 0; i < kThreads; ++i) {
    std::string ret = r.get(fmt::format("thread-{}-ret", i));
    if (ret != "0") return Verdict::fail(fmt::format("thread {} got {} from the call", i, ret.empty() ? "no result" : ret));
    std::string want = fmt::format("x{} x{}", "70726f6265", fmt::format("74{:x}", '0' + i));
    std::string got = r.get(fmt::format("thread-{}-argv", i));
    if (got != want)
      return Verdict::fail(fmt::format("thread {}'s child got argv {}, expected {}", i, got, want));
  }
  return Verdict::pass();
}

// Threads spawning at once while another opens close-on-exec fds: every
// child must start with the fds its own request gives it, here none.
Verdict no_fd_crosses_threads(Session& s) {
  auto r = s.scenario("concurrent-cloexec");
  if (auto t = trouble(r)) return *t;
  if (r.get("leaks") != "0")
    return Verdict::fail(fmt::format("{} of {} children started with an fd they were not given (first: {})",
                                     r.get("leaks"), r.get("spawns"), r.get("first-leak")));
  // qemu-user's fork of a threaded emulated caller sometimes leaves the
  // child hung before its exec (seen on armhf under load): a missing
  // report there says nothing about the implementation. Leaks still fail.
  if (r.get("errors") == "0" && r.get("missing") != "0" && !vm_shared(s.hello()))
    return Verdict::not_applicable(fmt::format(
        "cannot be verified here: {} of {} children of the threaded caller never reported, in an environment whose "
        "clone(CLONE_VM|CLONE_VFORK) is a fork (qemu-user)", r.get("missing"), r.get("spawns")));
  if (r.get("errors") != "0" || r.get("missing") != "0")
    return Verdict::fail(fmt::format("of {} concurrent spawns, {} failed and {} programs did not report",
                                     r.get("spawns"), r.get("errors"), r.get("missing")));
  return Verdict::pass();
}

}  // namespace

void add_concurrency_checks(std::vector<Check>& out) {
  out.push_back({"concurrency.threads-get-their-own-request", Class::concurrency, Profile::Posix,
                 "POSIX.1-2024 XSH 2.9.1 Thread-Safety",
                 "All functions defined by this volume of POSIX.1-2024 shall be thread-safe, except that the "
                 "following functions need not be thread-safe. (posix_spawn() is not among them.)",
                 each_thread_gets_its_own});
  out.push_back({"concurrency.no-fd-leaks-between-threads", Class::concurrency, Profile::Posix,
                 "POSIX.1-2024 open, O_CLOEXEC; XSH 2.9.1 Thread-Safety",
                 "O_CLOEXEC If set, the FD_CLOEXEC flag for the new file descriptor shall be set. ... (posix_spawn() "
                 "is thread-safe: the fds one thread creates close-on-exec never reach another thread's child.)",
                 no_fd_crosses_threads});
}

}  // namespace sc
