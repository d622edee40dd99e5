// fd table duplication and shared open file descriptions.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

// The child closes, replaces and opens descriptors; the caller's table,
// observed by the agent before and after, must not move.
Verdict child_actions_leave_parent(Session& s) {
  Case c = with_data(probe_case("fd-table-child-actions-leave-parent"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDWR"), false, 2), pipe_end(4, 5, true), pipe_end(5, 4, false)};
  c.actions = {action(Op::ADDCLOSE, 3), action(Op::ADDDUP2, 4, 3),
               action(Op::ADDOPEN, 6, -1, "data.txt", oflag("O_RDONLY")), action(Op::ADDCLOSE, 5)};
  Run r = predict_and_run(s, c);
  if (auto t = trouble(r, c)) return *t;
  if (r.reply.before.fds != r.reply.after.fds)
    return Verdict::fail("the caller's fd table changed across the call", c);
  if (!agrees(r)) return judge(r, c, "the program's state");
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

// File actions that do not touch the close-on-exec fds 3 and 4 (one of
// them is even a dup2 source) do not rescue them from the exec.
Verdict cloexec_with_actions(Session& s) {
  Case c = with_data(probe_case("fd-table-cloexec-with-actions"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDONLY"), true), parent_open(4, "data.txt", oflag("O_WRONLY"), true),
           parent_open(5, "data.txt", oflag("O_RDONLY"))};
  c.actions = {action(Op::ADDDUP2, 3, 6), action(Op::ADDOPEN, 7, -1, "data.txt", oflag("O_RDONLY"))};
  return expect_model(s, c, "close-on-exec fds with file actions present");
}

// Actions naming fds up to 9 push an implementation's own descriptors (an
// error pipe) above them; wherever they go, the program sees exactly the
// fds the request made and no other.
Verdict own_fds_hidden_with_actions(Session& s) {
  Case c = with_data(probe_case("fd-table-own-fds-hidden-with-actions"));
  c.fds = stdio_on("data.txt");
  c.actions = {action(Op::ADDDUP2, 0, 5), action(Op::ADDDUP2, 1, 9),
               action(Op::ADDOPEN, 7, -1, "data.txt", oflag("O_RDONLY"))};
  return expect_model(s, c, "the program's fd set with file actions");
}

// A dup2 copy made by the child shares the caller's open file description:
// the offset the caller set and its status flags.
Verdict dup2_copy_shares_description(Session& s) {
  Case c = with_data(probe_case("fd-table-dup2-copy-shares-description"));
  c.fds = {parent_open(3, "data.txt", oflag("O_RDWR"), false, 4),
           parent_open(4, "data.txt", oflag("O_WRONLY") | oflag("O_APPEND"), false, 6)};
  c.actions = {action(Op::ADDDUP2, 3, 6), action(Op::ADDDUP2, 4, 7)};
  return expect_model(s, c, "dup2 copies of the caller's fds");
}

// With every descriptor below RLIMIT_NOFILE open, an addopen onto one of
// them needs no free one: it is closed first. How many descriptors a spawn
// needs of its own POSIX does not say (OWN_FDS), so the table is first left
// a pipe's worth short of full: a child that opens before it closes then
// finds no free fd unless it let go of one of its own, and fails EMFILE;
// one that ignores the action leaves full.txt at fd 5. Then with none
// left: EMFILE returned is the implementation's own need, but a spawn that
// returned 0 needed none, so there the action must have worked too (gnulib
// opens first and its child exits 127).
Verdict full_table_addopen(Session& s) {
  constexpr unsigned kPipe = 2;
  const Cause cause{"full-table", "an addopen onto an open fd needs a free descriptor"};
  const auto wrong = [](const ScenarioRecord& v, std::string_view table) {
    return v.error(Field::full_table_open_ret) != "0" || v.text(Field::full_table_open_fd) != "other"
               ? fmt::format("with {} of the caller's table open, addopen(5, other.txt) onto the open fd 5: the spawn "
                             "returned {}, the program's fd 5 is {} (its end: {})",
                             table, v.error(Field::full_table_open_ret), v.text(Field::full_table_open_fd),
                             v.text(Field::full_table_open_status))
               : std::string();
  };
  auto r = s.scenario(Scenario::full_table, kPipe);
  if (auto t = trouble(r)) return *t;
  if (auto why = wrong(r.record, fmt::format("all but {} descriptors", kPipe)); !why.empty())
    return Verdict::fail(why, std::nullopt, cause);
  auto full = s.scenario(Scenario::full_table);
  if (auto t = trouble(full)) return *t;
  const auto& f = full.record;
  const bool own_need = f.error(Field::full_table_open_ret) == "EMFILE";
  const auto& need = choice_info(Choice::OWN_FDS);
  if (own_need && s.model_env().expect == Expectation::Glibc)
    return Verdict::fail(fmt::format("with every descriptor open the spawn returned EMFILE; --expect glibc: {}",
                                     need.options[0].who),
                         std::nullopt, cause);
  if (!own_need)
    if (auto why = wrong(f, "every descriptor"); !why.empty()) return Verdict::fail(why, std::nullopt, cause);
  return Verdict::pass(fmt::format("with every descriptor open the spawn returned {} ({}: {})",
                                   f.error(Field::full_table_open_ret), need.what,
                                   need.options[own_need ? 1 : 0].name));
}

}  // namespace

void add_fd_table_checks(std::vector<Check>& out) {
  out.push_back({"fd_table.child-actions-leave-parent-table", Class::fd_table, Profile::Posix,
                 "TLPI 24.3",
                 "Since the file descriptor table for each process is maintained in kernel space (Section 5.4) "
                 "and is duplicated during vfork(), the child process can perform file descriptor operations "
                 "without affecting the parent.",
                 {"parent-close"},
                 child_actions_leave_parent});
  out.push_back({"fd_table.cloexec-fds-not-inherited", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If file_actions is a null pointer, then file descriptors open in the calling process shall "
                 "remain open in the child process, except for those whose close-on-exec flag FD_CLOEXEC is set.",
                 {"fd-leak"},
                 cloexec_not_inherited});
  out.push_back({"fd_table.open-descriptions-shared", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 fork (inherited by posix_spawn)",
                 "Each of the child's file descriptors shall refer to the same open file description with the "
                 "corresponding file descriptor of the parent.",
                 {"offset-reset"},
                 descriptions_shared});
  out.push_back({"fd_table.cloexec-fds-closed-with-file-actions", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addclose",
                 "This transformation shall be as if the specified sequence of actions was performed exactly once, "
                 "in the context of the spawned process (prior to execution of the new process image), in the order "
                 "in which the actions were added to the object; additionally, when the new process image is "
                 "executed, any file descriptor (from this new set) which has its FD_CLOEXEC flag set shall be "
                 "closed (see posix_spawn()).",
                 {"dup2-clears-source-cloexec"},
                 cloexec_with_actions});
  out.push_back({"fd_table.own-fds-hidden-with-file-actions", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addclose",
                 "A spawn file actions object, when passed to posix_spawn() or posix_spawnp(), shall specify how "
                 "the set of open file descriptors in the calling process is transformed into a set of potentially "
                 "open file descriptors for the spawned process.",
                 {"moved-pipe-leaks"},
                 own_fds_hidden_with_actions});
  out.push_back({"fd_table.dup2-copy-shares-description", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 dup2 (applied by posix_spawn_file_actions_adddup2)",
                 "The dup2() function shall cause the file descriptor fildes2 to refer to the same open file "
                 "description as the file descriptor fildes and to share any locks, and shall return fildes2.",
                 {"dup2-reopens"},
                 dup2_copy_shares_description});
  out.push_back({"fd_table.full-table-addopen-onto-open-fd", Class::fd_table, Profile::Posix,
                 "POSIX.1-2024 posix_spawn_file_actions_addopen, DESCRIPTION",
                 "If fildes was already an open file descriptor, it shall be closed before the new file is opened.",
                 {"addopen-opens-first"},
                 full_table_addopen});
}

}  // namespace sc
