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

}  // namespace

void add_concurrency_checks(std::vector<Check>& out) {
  out.push_back({"concurrency.threads-get-their-own-request", Class::concurrency, Profile::Posix,
                 "POSIX.1-2024 XSH 2.9.1 Thread-Safety",
                 "All functions defined by this volume of POSIX.1-2024 shall be thread-safe, except that the "
                 "following functions need not be thread-safe. (posix_spawn() is not among them.)",
                 each_thread_gets_its_own});
}

}  // namespace sc
