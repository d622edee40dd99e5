// model.cpp — predict(): the parent's state, the add-time checks, the
// attributes, the file actions in order and the exec, as the rules of
// POSIX.1-2024 posix_spawn say, with every option of the choices it
// leaves (choices.def) enumerated.
#include "model.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

#include "choice_path.h"
#include "model_common.h"
#include "model_exec.h"
#include "model_fds.h"
#include "model_fs.h"

namespace sc {
namespace mdl {

namespace {

std::string describe(const Action& a) {
  std::string s(action_info(a.op).name);
  switch (a.op) {
    case Op::ADDOPEN: return s + " " + std::to_string(a.fd) + " \"" + a.path + "\" " + oflags_text(a.oflags);
    case Op::ADDDUP2: return s + " " + std::to_string(a.fd) + " " + std::to_string(a.newfd);
    case Op::ADDCHDIR: return s + " \"" + a.path + "\"";
    default: return s + " " + std::to_string(a.fd);
  }
}

bool has(AttrFlags f, std::string_view flag) { return f & attrflag(flag); }

class Spawn {
 public:
  Spawn(const Case& c, const ModelEnv& env, ChoicePath& path, std::vector<std::string>& trace)
      : c_(c), env_(env), path_(path), trace_(trace), fs_(env.root) {}

  Outcome run() {
    build_fixture();
    set_up_parent();
    if (auto [e, at] = add_time_checks(); !e.empty()) return refused(e, at);
    if (setter_refuses_pgroup()) {
      trace_.push_back("posix_spawnattr_setpgroup(" + std::to_string(*c_.attr.pgroup) + "): EINVAL");
      Outcome o;
      o.error = "EINVAL";
      o.stage = {Stage::Call::Setter, static_cast<std::uint32_t>(AttrSetter::Pgroup)};
      return o;
    }
    ChildState st;
    if (auto e = process_attributes(st); !e.empty()) return failed(e);
    child_ = parent_;
    child_cwd_ = parent_cwd_;
    place_musl_pipe();
    for (std::size_t i = 0; i < c_.actions.size(); ++i) {
      trace_.push_back("action " + std::to_string(i + 1) + ": " + describe(c_.actions[i]));
      if (auto e = apply(c_.actions[i]); !e.empty()) return failed(e);
    }
    signal_state(st);
    const auto& envp = c_.env_inherit ? c_.parent_env : c_.envp;
    Exec exec(fs_, env_, child_cwd_, c_.argv, envp, [this](int n) { return open_for_writing(n); }, trace_);
    auto r = c_.func == Func::Spawnp ? search(exec) : exec.path(c_.program);
    if (!r.err.empty()) return failed(r.err);
    st.argv = r.argv;
    st.envp = envp;
    st.cwd = fs_.node(child_cwd_).path;
    st.umask = c_.umask & 0777;  // POSIX: the child inherits the file mode creation mask
    st.fds = program_fds();
    Outcome o;
    o.child = st;
    return o;
  }

 private:
  // The option the expected implementation takes at point c: `own` when it
  // has a documented one (an option index), every option otherwise; under
  // --profile linux, FAILURE_FORM is RETURNED whatever the expectation.
  unsigned option(Choice c, std::optional<unsigned> own) {
    std::vector<unsigned> options;
    if (own) options = {*own};
    else
      for (unsigned i = 0; i < choice_info(c).options.size(); ++i) options.push_back(i);
    return path_.take(c, options);
  }
  template <class... Expects>
  static bool one_of(Expectation e, Expects... es) { return ((e == es) || ...); }

  // An error from the child's side of the call: returned, or (POSIX's
  // other form, choices.def FAILURE_FORM) a child that exits 127.
  Outcome failed(const Err& e) {
    constexpr unsigned kReturned = 0, kExit127 = 1;
    std::optional<unsigned> own;
    if (env_.profile == Profile::Linux || one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore, Expectation::FreeBSD))
      own = kReturned;
    else if (env_.expect == Expectation::Bionic)
      own = kExit127;
    Outcome o;
    if (option(Choice::FAILURE_FORM, own) == kExit127) {
      // A caller ignoring SIGCHLD cannot wait for it: its children are
      // reaped by the kernel, so the 127 is never seen.
      const bool seen = !(c_.sigign & sig("SIGCHLD"));
      trace_.push_back("spawn fails with " + e + ": the call returns 0 and the child exits 127" +
                       (seen ? "" : " (unseen: the caller ignores SIGCHLD)"));
      o.exited_127 = seen;
      return o;
    }
    trace_.push_back("spawn fails: " + e);
    o.error = e;
    o.stage.call = Stage::Call::Spawn;
    return o;
  }

  // An error a builder returns when its action is added.
  Outcome refused(const Err& e, std::size_t action) {
    Outcome o;
    o.error = e;
    o.stage = {Stage::Call::Builder, static_cast<std::uint32_t>(action)};
    return o;
  }

  // posix_spawnp with the options the expected implementation takes.
  ExecResult search(const Exec& exec) {
    constexpr unsigned kSearched = 0, kRefused = 1, kSystem = 0;
    const bool glibc = env_.expect == Expectation::Glibc;
    auto long_name = [&] {
      return option(Choice::LONG_NAME, glibc ? std::optional<unsigned>(kSearched)
                                       : one_of(env_.expect, Expectation::Musl, Expectation::Refcore) ? std::optional<unsigned>(kRefused)
                                                                                           : std::nullopt);
    };
    auto unset_path = [&] {
      return option(Choice::UNSET_PATH, one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore)
                                            ? std::optional<unsigned>(kSystem)
                                            : std::nullopt);
    };
    return exec.search(c_.program, c_.parent_env, long_name, unset_path,
                       std::string(default_search_path(env_.expect)));
  }

  void build_fixture() {
    for (const auto& e : c_.fixture)
      if (auto why = fs_.add(e, env_.probe_path); !why.empty())
        unpredictable("invalid case: fixture path \"" + e.path + "\" " + why);
  }

  // The agent's set-up (protocol.md): chdir(cwd), umask, then the fds in order.
  void set_up_parent() {
    // The agent does chdir("root/" + cwd), so "" is the root as well.
    auto cwd = fs_.chdir(SimFs::kRoot, c_.cwd.empty() ? "." : c_.cwd);
    if (!cwd.err.empty()) unpredictable("parent set-up: chdir(\"" + c_.cwd + "\"): " + cwd.err);
    parent_cwd_ = cwd.node;
    for (const auto& p : c_.fds) {
      if (p.fd >= env_.nofile) unpredictable("parent fd " + std::to_string(p.fd) + " is not below RLIMIT_NOFILE");
      const bool cloexec = p.cloexec || (p.oflags & kCloExec);
      switch (p.kind) {
        case ParentFd::Kind::Closed: break;
        case ParentFd::Kind::Open: {
          // Like the agent, from the case root whatever the caller's cwd (protocol.md).
          auto o = fs_.open(SimFs::kRoot, p.path, p.oflags, 0644, c_.umask, peers_fn(), trace_);
          if (!o.err.empty()) unpredictable("parent set-up: open(\"" + p.path + "\"): " + o.err);
          auto d = description(o.node, p.oflags);
          if (d.offset) d.offset = p.offset;
          parent_.set(p.fd, {parent_.describe(d), cloexec});
          break;
        }
        case ParentFd::Kind::PipeRead:
        case ParentFd::Kind::PipeWrite: {
          const bool read = p.kind == ParentFd::Kind::PipeRead;
          Description d;
          d.identity = "pipe:" + std::to_string(read ? p.fd : p.peer);  // named by the read end
          d.kind = "fifo";
          d.access = read ? Access::Read : Access::Write;
          parent_.set(p.fd, {parent_.describe(d), cloexec});
          break;
        }
      }
    }
  }

  Description description(int node, OFlags flags) const {
    Description d;
    d.node = node;
    d.identity = fs_.identity(node);
    d.kind = SimFs::kind_name(fs_.node(node));
    d.access = access_of(flags);
    d.status = flags & kVisibleStatus;
    if (d.kind == "reg") d.offset = 0;  // a fresh open (or O_TRUNC, or a new file) starts at 0
    return d;
  }

  // Errors the file-action builders return before posix_spawn runs, and
  // the action that returned it. POSIX.1-2024: "[EBADF] The value specified
  // by fildes is negative or greater than or equal to {OPEN_MAX}" — a
  // negative fd always; one at or above the limit at add time or at spawn
  // time (FD_LIMIT); addfchdir's own check differs again (FCHDIR_CHECK).
  std::pair<Err, std::size_t> add_time_checks() {
    constexpr unsigned kAddTime = 0, kNone = 0, kNegative = 1, kRange = 2;
    std::optional<bool> limit_at_add;  // FD_LIMIT, asked for when an action reaches it
    auto over_limit_refused = [&] {
      if (!limit_at_add) {
        std::optional<unsigned> own;
        if (one_of(env_.expect, Expectation::Glibc, Expectation::Refcore)) own = kAddTime;
        if (env_.expect == Expectation::Musl) own = 1;
        limit_at_add = option(Choice::FD_LIMIT, own) == kAddTime;
      }
      return *limit_at_add;
    };
    auto bad = [&](int fd) { return fd < 0 || (fd >= env_.nofile && over_limit_refused()); };
    for (std::size_t i = 0; i < c_.actions.size(); ++i) {
      const auto& a = c_.actions[i];
      bool refused = false;
      switch (a.op) {
        case Op::ADDCHDIR: break;
        case Op::ADDDUP2: refused = bad(a.fd) || bad(a.newfd); break;
        case Op::ADDFCHDIR: {
          if (a.fd >= 0 && a.fd < env_.nofile) break;
          std::optional<unsigned> own;
          if (env_.expect == Expectation::Glibc) own = kNone;
          if (env_.expect == Expectation::Musl) own = kNegative;
          if (env_.expect == Expectation::Refcore) own = kRange;
          const unsigned check = option(Choice::FCHDIR_CHECK, own);
          refused = check == kRange || (check == kNegative && a.fd < 0);
          break;
        }
        default: refused = bad(a.fd); break;
      }
      if (refused) {
        trace_.push_back("action " + std::to_string(i + 1) + " " + describe(a) + ": refused when added: EBADF");
        return {"EBADF", i};
      }
    }
    return {"", 0};
  }

  // A negative pgroup refused by the setter rather than by the child's
  // setpgid (NEGATIVE_PGROUP).
  bool setter_refuses_pgroup() {
    constexpr unsigned kSpawnTime = 0, kSetter = 1;
    if (!c_.attr.pgroup || *c_.attr.pgroup >= 0 || *c_.attr.pgroup == kPgroupCaller) return false;
    return option(Choice::NEGATIVE_PGROUP, one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore)
                                               ? std::optional<unsigned>(kSpawnTime)
                                               : std::nullopt) == kSetter;
  }

  // SETSID and SETPGROUP, before the file actions, in the order the
  // implementation applies them (SID_PGROUP) when both are set.
  Err process_attributes(ChildState& st) {
    constexpr unsigned kSetsidFirst = 0;
    const AttrFlags f = c_.attr.flags.value_or(0);
    const bool setsid = has(f, "SETSID"), setpgroup = has(f, "SETPGROUP");
    bool pgroup_first = false;
    if (setsid && setpgroup)
      pgroup_first = option(Choice::SID_PGROUP,
                            one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore) ? std::optional<unsigned>(kSetsidFirst)
                            : env_.expect == Expectation::Bionic ? std::optional<unsigned>(1)
                                                            : std::nullopt) != kSetsidFirst;
    if (setsid && !pgroup_first)
      if (auto e = apply_setsid(st); !e.empty()) return e;
    if (setpgroup)
      if (auto e = apply_setpgroup(st, setsid && !pgroup_first); !e.empty()) return e;
    if (setsid && pgroup_first)
      if (auto e = apply_setsid(st); !e.empty()) return e;
    if (!setsid && !setpgroup) st.pgid_is_parent_pgid = true;
    // RESETIDS: the effective ids become the real ones; the harness runs
    // with real == effective, so nothing observable changes.
    return "";
  }

  // setsid(2) EPERM: "The process group ID of any process equals the PID of
  // the calling process" — the child leads its group already. Otherwise
  // (POSIX.1-2024: "as if the setsid() function had been called") it leads
  // a new session and a new process group.
  Err apply_setsid(ChildState& st) {
    if (st.pgid_is_self) {
      trace_.push_back("SETSID after SETPGROUP 0: setsid in a process group leader: EPERM");
      return "EPERM";
    }
    trace_.push_back("SETSID: child leads a new session and process group");
    st.sid_is_self = st.pgid_is_self = true;
    st.pgid_is_parent_pgid = false;
    return "";
  }

  Err apply_setpgroup(ChildState& st, bool session_leader) {
    const int pg = c_.attr.pgroup.value_or(0);
    // setpgid(2) EINVAL: "pgid is less than 0" (checked first).
    if (pg < 0 && pg != kPgroupCaller) {
      trace_.push_back("SETPGROUP " + std::to_string(pg) + ": setpgid: EINVAL");
      return "EINVAL";
    }
    // setpgid(2) EPERM: "An attempt was made to move a process ... that is
    // a session leader" — measured with glibc 2.36 and musl 1.2.3.
    if (session_leader) {
      trace_.push_back("SETPGROUP after SETSID: setpgid on a session leader: EPERM");
      return "EPERM";
    }
    if (pg == kPgroupCaller) {
      // setpgid(0, getpgrp() of the caller): the group the child is in already.
      trace_.push_back("SETPGROUP caller: the child stays in the caller's process group");
      st.pgid_is_parent_pgid = true;
      return "";
    }
    if (pg != 0) unpredictable("SETPGROUP with pgroup " + std::to_string(pg) + " (pids vary)");
    // POSIX.1-2024: "If the spawn-pgroup attribute ... is zero, then the
    // child shall be in a new process group with a process group ID equal
    // to its process ID".
    trace_.push_back("SETPGROUP 0: child leads a new process group");
    st.pgid_is_self = true;
    return "";
  }

  void signal_state(ChildState& st) {
    const AttrFlags f = c_.attr.flags.value_or(0);
    // POSIX.1-2024: with SETSIGMASK "the child shall have the signal mask
    // ... set to spawn-sigmask"; otherwise it inherits the caller's.
    SigSet mask = has(f, "SETSIGMASK") ? c_.attr.sigmask.value_or(0) : c_.sigmask;
    st.sigmask = mask & ~kUnblockable & ~kLibcInternalSignals;
    // execve(2): "the dispositions of any signals that are being caught
    // are reset to the default"; ignored ones stay ignored — unless
    // SETSIGDEF names them ("shall be set to the default action").
    SigSet ign = c_.sigign;
    if (has(f, "SETSIGDEF")) {
      ign &= ~c_.attr.sigdefault.value_or(0);
      trace_.push_back("SETSIGDEF: the listed signals start with the default action");
    }
    st.sigign = ign & ~kUnblockable & ~kLibcInternalSignals;
    st.sigcatch = 0;
  }

  // musl 1.2.3 posix_spawn: pipe2(O_CLOEXEC) in the caller takes its two
  // lowest free fds; the child closes the read end and keeps the write end,
  // moving it (dup to the lowest free fd) whenever an action names its fd.
  // It shifts which fd an addopen's open() gets; nothing else sees it.
  void place_musl_pipe() {
    if (env_.expect != Expectation::Musl) return;
    FdTable caller = parent_;
    Description d;
    d.hidden = true;
    auto di = child_.describe(d);
    caller.set(caller.lowest_free(), {di, true});
    musl_pipe_ = caller.lowest_free();
    child_.set(musl_pipe_, {di, true});
  }
  void move_musl_pipe_off(int fd) {
    if (fd != musl_pipe_ || musl_pipe_ < 0) return;
    const int to = child_.lowest_free();
    const Slot pipe = child_.at(musl_pipe_);
    child_.set(to, pipe);
    child_.close(musl_pipe_);
    musl_pipe_ = to;
  }
  bool visible_open(int fd) const { return child_.is_open(fd) && !child_.desc(child_.at(fd).desc).hidden; }

  Err apply(const Action& a) {
    switch (a.op) {
      case Op::ADDOPEN: return addopen(a);
      case Op::ADDCLOSE: return addclose(a);
      case Op::ADDDUP2: return adddup2(a);
      case Op::ADDCHDIR: return addchdir(a);
      case Op::ADDFCHDIR: return addfchdir(a);
      case Op::ADDCLOSEFROM: return addclosefrom(a);
    }
    return "";
  }

  // POSIX.1-2024 addopen: "as if open(path, oflag, mode) had been called,
  // and the returned file descriptor, if not fildes, had been changed to
  // fildes as if dup2(returned_fd, fildes) had been called"; "if fildes was
  // already an open file descriptor, it shall be closed before the new file
  // is opened" (musl does not: it opens, then dup2s over it). A dup2'd fd
  // has FD_CLOEXEC clear, so O_CLOEXEC survives only when the open lands on
  // fildes itself, which depends on the fds the implementation holds then
  // (ADDOPEN_CLOEXEC).
  Err addopen(const Action& a) {
    constexpr unsigned kKept = 0, kCleared = 1;
    if (env_.expect == Expectation::Musl) {
      move_musl_pipe_off(a.fd);
    } else if (child_.is_open(a.fd)) {
      child_.close(a.fd);
      trace_.push_back("  fd " + std::to_string(a.fd) + " is open: closed before the open");
    }
    const int got = child_.lowest_free();
    if (got >= env_.nofile) return "EMFILE";
    auto o = fs_.open(child_cwd_, a.path, a.oflags, a.mode, c_.umask, peers_fn(), trace_);
    if (!o.err.empty()) return o.err;
    auto d = child_.describe(description(o.node, a.oflags));
    // Only with FD_LIMIT at spawn time does fildes get here out of range.
    if (a.fd >= env_.nofile) return "EBADF";
    const bool landed = got == a.fd;
    bool cloexec = false;
    if (a.oflags & kCloExec) {
      std::optional<unsigned> own;
      if (one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore)) own = landed ? kKept : kCleared;
      if (env_.expect == Expectation::FreeBSD) own = kCleared;
      cloexec = option(Choice::ADDOPEN_CLOEXEC, own) == kKept;
    }
    child_.set(a.fd, {d, cloexec});
    if (landed)
      trace_.push_back("  open lands on fd " + std::to_string(a.fd) + (cloexec ? ": O_CLOEXEC kept" : ""));
    else
      trace_.push_back("  open gets fd " + std::to_string(got) + ", dup2 to " + std::to_string(a.fd) +
                       ((a.oflags & kCloExec) && !cloexec ? ": FD_CLOEXEC lost" : ""));
    if ((a.oflags & kCloExec) && !cloexec && landed) trace_.push_back("  FD_CLOEXEC cleared on the target");
    if ((a.oflags & kCloExec) && cloexec && !landed) trace_.push_back("  (the implementation's own fds made it land)");
    return "";
  }

  // Closing a fd that is not open: ignored, or the spawn's EBADF
  // (CLOSE_UNOPENED).
  Err addclose(const Action& a) {
    constexpr unsigned kIgnored = 0;
    move_musl_pipe_off(a.fd);
    if (!visible_open(a.fd)) {
      std::optional<unsigned> own;
      if (one_of(env_.expect, Expectation::Glibc, Expectation::Musl, Expectation::Refcore, Expectation::Bionic)) own = kIgnored;
      if (option(Choice::CLOSE_UNOPENED, own) != kIgnored) return "EBADF";
      trace_.push_back("  fd " + std::to_string(a.fd) + " is not open: ignored");
      return "";
    }
    child_.close(a.fd);
    return "";
  }

  Err adddup2(const Action& a) {
    move_musl_pipe_off(a.newfd);
    if (!visible_open(a.fd)) return "EBADF";  // dup2(2) EBADF: "oldfd isn't an open file descriptor"
    if (a.fd == a.newfd) {
      // POSIX.1-2024 adddup2: "If fildes and newfildes are equal, the
      // FD_CLOEXEC flag ... shall be cleared" (Austin Group 411).
      child_.set_cloexec(a.fd, false);
      trace_.push_back("  same fd: FD_CLOEXEC cleared");
      return "";
    }
    if (a.newfd >= env_.nofile) return "EBADF";  // FD_LIMIT at spawn time only
    child_.set(a.newfd, {child_.at(a.fd).desc, false});  // dup2(2): the copy has FD_CLOEXEC off
    return "";
  }

  Err addchdir(const Action& a) {
    auto r = fs_.chdir(child_cwd_, a.path);
    if (!r.err.empty()) return r.err;
    child_cwd_ = r.node;
    return "";
  }

  Err addfchdir(const Action& a) {
    move_musl_pipe_off(a.fd);
    if (!visible_open(a.fd)) return "EBADF";
    const auto& d = child_.desc(child_.at(a.fd).desc);
    if (d.node < 0) return "ENOTDIR";  // a pipe
    if (auto e = fs_.fchdir(d.node); !e.empty()) return e;
    child_cwd_ = d.node;
    return "";
  }

  // glibc addclosefrom_np: close_range(fd, ~0U, 0), every fd >= fd (a
  // libc's own fd aside: musl, the only one with one, lacks the action).
  Err addclosefrom(const Action& a) {
    std::vector<int> doomed;
    for (const auto& [fd, s] : child_.slots())
      if (fd >= a.fd && !child_.desc(s.desc).hidden) doomed.push_back(fd);
    for (int fd : doomed) child_.close(fd);
    return "";
  }

  // Open file descriptions on `node`: the caller keeps all of its own
  // open during the spawn, the child has its current table.
  template <class F>
  void each_description_on(int node, F f) const {
    for (const auto& [fd, s] : parent_.slots())
      if (parent_.desc(s.desc).node == node) f(parent_.desc(s.desc));
    for (const auto& [fd, s] : child_.slots())
      if (child_.desc(s.desc).node == node) f(child_.desc(s.desc));
  }
  std::function<FifoPeers(int)> peers_fn() const {
    return [this](int node) {
      FifoPeers p;
      each_description_on(node, [&](const Description& d) {
        p.reader = p.reader || can_read(d.access);
        p.writer = p.writer || can_write(d.access);
      });
      return p;
    };
  }
  bool open_for_writing(int node) const {
    bool w = false;
    each_description_on(node, [&](const Description& d) { w = w || can_write(d.access); });
    return w;
  }

  // execve(2): "By default, file descriptors remain open across an
  // execve()"; FD_CLOEXEC ones are closed.
  std::map<int, FdState> program_fds() const {
    std::map<int, FdState> out;
    for (const auto& [fd, s] : child_.slots()) {
      const auto& d = child_.desc(s.desc);
      if (s.cloexec || d.hidden) continue;
      out[fd] = FdState{d.identity, d.kind, access_bit(d.access) | d.status, false, d.offset};
    }
    return out;
  }

  const Case& c_;
  const ModelEnv& env_;
  ChoicePath& path_;
  std::vector<std::string>& trace_;
  SimFs fs_;
  int parent_cwd_ = SimFs::kRoot, child_cwd_ = SimFs::kRoot;
  FdTable parent_, child_;
  int musl_pipe_ = -1;
};

}  // namespace
}  // namespace mdl

std::string validate(const Case& c) {
  using namespace mdl;
  constexpr SigSet kLibcBits = kLibcInternalSignals;
  auto bad_oflags = [](OFlags f) -> std::string {
    if (f >> kOFlagCount) return "unknown open flag bits";
    if ((f & kWrOnly) && (f & kRdWr)) return "O_WRONLY|O_RDWR is not an access mode";
    return "";
  };
  if (c.attr.flags && (*c.attr.flags >> kAttrFlagCount)) return "unknown attribute flag bits";
  for (SigSet s : {c.sigmask, c.sigign, c.sigcatch, c.attr.sigmask.value_or(0), c.attr.sigdefault.value_or(0)})
    if (s & kLibcBits) return "signals 32..34 belong to the libc and may not be named";
  if ((c.sigign | c.sigcatch) & kUnblockable) return "SIGKILL and SIGSTOP cannot be caught or ignored";
  if (c.sigign & c.sigcatch) return "a signal is both ignored and caught";
  std::map<int, const ParentFd*> by_fd;
  for (const auto& p : c.fds) {
    if (p.fd < 0) return "parent fd " + std::to_string(p.fd) + " is negative";
    if (!by_fd.emplace(p.fd, &p).second) return "parent fd " + std::to_string(p.fd) + " is listed twice";
    if (p.kind == ParentFd::Kind::Open)
      if (auto e = bad_oflags(p.oflags); !e.empty()) return "parent fd " + std::to_string(p.fd) + ": " + e;
  }
  for (const auto& p : c.fds) {
    if (p.kind != ParentFd::Kind::PipeRead && p.kind != ParentFd::Kind::PipeWrite) continue;
    auto want = p.kind == ParentFd::Kind::PipeRead ? ParentFd::Kind::PipeWrite : ParentFd::Kind::PipeRead;
    auto it = by_fd.find(p.peer);
    if (p.peer == p.fd || it == by_fd.end() || it->second->kind != want || it->second->peer != p.fd)
      return "pipe end " + std::to_string(p.fd) + " and its peer " + std::to_string(p.peer) + " do not match";
  }
  for (const auto& a : c.actions) {
    if (static_cast<std::size_t>(a.op) >= actions().size()) return "unknown action";
    if (a.op == Op::ADDOPEN)
      if (auto e = bad_oflags(a.oflags); !e.empty()) return "addopen: " + e;
  }
  return "";
}

// Every path through the choice points: enough for any case a person or
// the fuzzer writes (each point a case reaches doubles them at most).
constexpr std::size_t kMaxPaths = 256;

Prediction predict(const Case& c, const ModelEnv& env) {
  Prediction p;
  try {
    if (auto why = validate(c); !why.empty()) mdl::unpredictable("invalid case: " + why);
    std::vector<unsigned> picks;
    for (std::size_t paths = 1;; ++paths) {
      if (paths > kMaxPaths)
        mdl::unpredictable("the case reaches more than " + std::to_string(kMaxPaths) +
                           " combinations of implementation choices");
      mdl::ChoicePath path(picks);
      std::vector<std::string> trace;
      Allowed a{mdl::Spawn(c, env, path, trace).run(), path.taken()};
      if (p.allowed.empty()) p.trace = std::move(trace);
      auto same = [&](const Allowed& b) { return b.outcome == a.outcome; };
      if (std::none_of(p.allowed.begin(), p.allowed.end(), same)) p.allowed.push_back(std::move(a));
      if (!path.next(picks)) break;
    }
  } catch (const mdl::Unpredictable& u) {
    p.allowed.clear();
    p.unpredictable = u.why;
  }
  return p;
}

const Outcome& Prediction::outcome() const {
  static const Outcome none;
  return allowed.empty() ? none : allowed.front().outcome;
}

bool Prediction::allows(const Outcome& o) const {
  return std::any_of(allowed.begin(), allowed.end(), [&](const Allowed& a) { return a.outcome == o; });
}

std::string_view default_search_path(Expectation e) {
  return e == Expectation::Musl ? "/usr/local/bin:/bin:/usr/bin" : "/bin:/usr/bin";
}

}  // namespace sc
