// File actions: applied in order, exactly as specified.
#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

FixtureEntry file(Path p, std::string content) {
  FixtureEntry f;
  f.path = std::move(p);
  f.content = std::move(content);
  return f;
}

// A dup2 action onto the same fd is the one way to hand a close-on-exec fd
// to a single child without racing other threads (Austin Group #411).
Verdict dup2_same_fd_clears_cloexec(Session& s) {
  Case c = probe_case("file-actions-dup2-same-fd-clears-cloexec");
  c.fixture.push_back(file("data.txt", "x"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"), true)};
  c.actions = {action(Op::ADDDUP2, 3, 3)};
  return expect_model(s, c, "adddup2(3, 3) of a close-on-exec fd");
}

// Each action sees the result of the ones before it: the order decides
// which file ends up on which descriptor.
Verdict applied_in_order(Session& s) {
  Case c = probe_case("file-actions-applied-in-order");
  c.fixture.push_back(file("a.txt", "a"));
  c.fixture.push_back(file("b.txt", "bb"));
  c.actions = {action(Op::ADDOPEN, 3, -1, "a.txt", oflag("O_RDONLY")), action(Op::ADDDUP2, 3, 4),
               action(Op::ADDCLOSE, 3), action(Op::ADDOPEN, 3, -1, "b.txt", oflag("O_RDWR")),
               action(Op::ADDDUP2, 4, 5), action(Op::ADDDUP2, 3, 4)};
  return expect_model(s, c, "file actions in order");
}

// A dup2 cycle through a temporary fd swaps two descriptors.
Verdict swap_through_temporary(Session& s) {
  Case c = probe_case("file-actions-swap-through-temporary");
  c.fixture.push_back(file("a.txt", "a"));
  c.fixture.push_back(file("b.txt", "bb"));
  c.fds = {parent_open(3, "a.txt", oflag("O_RDONLY")), parent_open(4, "b.txt", oflag("O_WRONLY"))};
  c.actions = {action(Op::ADDDUP2, 3, 9), action(Op::ADDDUP2, 4, 3), action(Op::ADDDUP2, 9, 4),
               action(Op::ADDCLOSE, 9)};
  return expect_model(s, c, "an fd swap");
}

}  // namespace

void add_file_actions_checks(std::vector<Check>& out) {
  out.push_back({"file_actions.dup2-same-fd-clears-cloexec", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2",
                 "If fildes and newfildes are equal, then the action shall ensure that newfildes is inherited by "
                 "the new process with FD_CLOEXEC clear, even if it is set in fildes.",
                 dup2_same_fd_clears_cloexec});
  out.push_back({"file_actions.applied-in-order", Class::file_actions, Profile::Posix,
                 "posix_spawn(3), Linux man-pages",
                 "If file_actions is not NULL, then it contains an ordered set of requests to open(2), close(2), "
                 "and dup2(2) files.",
                 applied_in_order});
  out.push_back({"file_actions.dup2-swap-through-temporary", Class::file_actions, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_adddup2",
                 "The descriptor referred to by newfildes is created as if dup2() had been called on fildes "
                 "prior to the new child process starting execution.",
                 swap_through_temporary});
}

}  // namespace sc
