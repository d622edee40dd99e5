// fd table duplication and shared open file descriptions.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

Case with_data(Case c) {
  FixtureEntry f;
  f.path = "data.txt";
  f.content = "0123456789";
  c.fixture.push_back(f);
  return c;
}

ParentFd pipe_end(int fd, int peer, bool read) {
  ParentFd p;
  p.fd = fd, p.peer = peer;
  p.kind = read ? ParentFd::Kind::PipeRead : ParentFd::Kind::PipeWrite;
  return p;
}

// The child closes, replaces and opens descriptors; the caller's table,
// observed by the agent before and after, must not move.
Verdict child_actions_leave_parent(Session& s) {
  Case c = with_data(probe_case("fd-table-child-actions-leave-parent"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDWR"), false, 2), pipe_end(4, 5, true), pipe_end(5, 4, false)};
  c.actions = {action(Op::ADDCLOSE, 3), action(Op::ADDDUP2, 4, 3),
               action(Op::ADDOPEN, 6, -1, "data.txt", oflag("O_RDONLY")), action(Op::ADDCLOSE, 5)};
  Run r = s.run(c);
  if (auto t = trouble(r, c)) return *t;
  if (r.reply.before.fds != r.reply.after.fds)
    return Verdict::fail("the caller's fd table changed across the call", c);
  if (r.observed != r.predicted.outcome)
    return Verdict::fail(describe_difference(r.predicted.outcome, r.observed), c);
  return Verdict::pass();
}

// Without file actions the program gets exactly the caller's fds minus the
// close-on-exec ones: no descriptor of the implementation's own leaks.
Verdict cloexec_not_inherited(Session& s) {
  Case c = with_data(probe_case("fd-table-cloexec-not-inherited"));
  ParentFd write_end = pipe_end(8, 7, false);
  write_end.cloexec = true;
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"), true), parent_open(4, "data.txt", oflag("O_RDONLY")),
           pipe_end(7, 8, true), write_end};
  return expect_model(s, c, "inherited fds");
}

// Offsets and status flags belong to the open file description, which the
// child shares with the caller.
Verdict descriptions_shared(Session& s) {
  Case c = with_data(probe_case("fd-table-descriptions-shared"));
  c.fds = {parent_open(3, "data.txt", oflag("O_WRONLY") | oflag("O_APPEND"), false, 7),
           parent_open(4, "data.txt", oflag("O_RDONLY") | oflag("O_NONBLOCK"), false, 3)};
  return expect_model(s, c, "shared open file descriptions");
}

}  // namespace

void add_fd_table_checks(std::vector<Check>& out) {
  out.push_back({"fd_table.child-actions-leave-parent-table", Class::fd_table, Profile::Posix,
                 "TLPI 24.3",
                 "Since the file descriptor table for each process is maintained in kernel space (Section 5.4) "
                 "and is duplicated during vfork(), the child process can perform file descriptor operations "
                 "without affecting the parent.",
                 child_actions_leave_parent});
  out.push_back({"fd_table.cloexec-fds-not-inherited", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If file_actions is a null pointer, then file descriptors open in the calling process shall "
                 "remain open in the child process, except for those whose close-on-exec flag FD_CLOEXEC is set.",
                 cloexec_not_inherited});
  out.push_back({"fd_table.open-descriptions-shared", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 fork (inherited by posix_spawn)",
                 "Each of the child's file descriptors shall refer to the same open file description with the "
                 "corresponding file descriptor of the parent.",
                 descriptions_shared});
}

}  // namespace sc
