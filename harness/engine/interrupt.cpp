#include "interrupt.h"

#include <signal.h>
#include <string.h>

#include <atomic>
#include <cstdio>

#include <fmt/format.h>

namespace sc {
namespace {

std::atomic<int> caught{0};
static_assert(std::atomic<int>::is_always_lock_free, "read from a signal handler");

void note(int sig) { caught.store(sig, std::memory_order_relaxed); }

}  // namespace

void catch_interrupts() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction sa {};
    sa.sa_handler = note;
    // The second one takes its default action. Calls in progress resume
    // (the harness polls for the flag, and poll is never restarted).
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

int interrupted() { return caught.load(std::memory_order_relaxed); }

std::string interruption() { return fmt::format("interrupted by SIG{}", sigabbrev_np(interrupted())); }

void end_if_interrupted() {
  int sig = interrupted();
  if (sig == 0) return;
  std::fflush(nullptr);  // what was printed is part of the result
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace sc
