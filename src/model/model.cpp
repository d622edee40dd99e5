// model.cpp — predict(): the parent's state, the add-time checks, the
// attributes, the file actions in order and the exec, as the rules of
// POSIX.1-2024 posix_spawn and the documented glibc/musl behaviour say.
#include "model.h"

#include <array>
#include <iterator>
#include <map>

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
  Spawn(const Case& c, const ModelEnv& env, std::vector<std::string>& trace)
      : c_(c), env_(env), trace_(trace), fs_(env.root) {}

  Outcome run() {
    build_fixture();
    set_up_parent();
    if (auto e = add_time_checks(); !e.empty()) return failed(e);
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
    auto r = c_.func == Func::Spawnp ? exec.search(c_.program, c_.parent_env) : exec.path(c_.program);
    if (!r.err.empty()) return failed(r.err);
    st.argv = r.argv;
    st.envp = envp;
    st.cwd = fs_.node(child_cwd_).path;
    st.umask = c_.umask & 0777;  // POSIX: the child inherits the file mode creation mask
    st.fds = program_fds();
    return {"0", st};
  }

 private:
  Outcome failed(const Err& e) {
    // POSIX.1-2024 posix_spawn: if an error occurs after the child is
    // created, the error is returned and the child exits with 127; an
    // implementation that reports it (glibc, musl, refcore) returns it.
    trace_.push_back("spawn fails: " + e);
    return {e, std::nullopt};
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

  // Errors the file-action builders return before posix_spawn runs.
  // glibc 2.36: addopen, addclose, adddup2 and addclosefrom_np refuse
  // fd < 0 or fd >= getdtablesize() (EBADF); addfchdir_np checks nothing
  // (measured), the fchdir fails later. musl 1.2.3 refuses only fd < 0.
  // refcore: like glibc, addfchdir included.
  Err add_time_checks() const {
    const bool musl = env_.libc == ModelEnv::Libc::Musl;
    auto bad = [&](int fd) { return fd < 0 || (!musl && fd >= env_.nofile); };
    for (std::size_t i = 0; i < c_.actions.size(); ++i) {
      const auto& a = c_.actions[i];
      bool refused = false;
      switch (a.op) {
        case Op::ADDCHDIR: break;
        case Op::ADDDUP2: refused = bad(a.fd) || bad(a.newfd); break;
        case Op::ADDFCHDIR: refused = env_.libc == ModelEnv::Libc::Glibc ? false : musl ? a.fd < 0 : bad(a.fd); break;
        default: refused = bad(a.fd); break;
      }
      if (refused) {
        trace_.push_back("action " + std::to_string(i + 1) + " " + describe(a) + ": refused when added: EBADF");
        return "EBADF";
      }
    }
    return "";
  }

  // glibc and musl apply setsid, then setpgid, before the file actions.
  Err process_attributes(ChildState& st) {
    const AttrFlags f = c_.attr.flags.value_or(0);
    if (has(f, "SETSID")) {
      // POSIX.1-2024: "as if the setsid() function had been called"; the
      // child leads a new session and a new process group.
      trace_.push_back("SETSID: child leads a new session and process group");
      st.sid_is_self = st.pgid_is_self = true;
    }
    if (has(f, "SETPGROUP")) {
      const int pg = c_.attr.pgroup.value_or(0);
      // setpgid(2) EINVAL: "pgid is less than 0" (checked first).
      if (pg < 0 && pg != kPgroupCaller) {
        trace_.push_back("SETPGROUP " + std::to_string(pg) + ": setpgid: EINVAL");
        return "EINVAL";
      }
      // setpgid(2) EPERM: "An attempt was made to move a process ... that is
      // a session leader" — measured with glibc 2.36 and musl 1.2.3.
      if (has(f, "SETSID")) {
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
    }
    if (!has(f, "SETSID") && !has(f, "SETPGROUP")) st.pgid_is_parent_pgid = true;
    // RESETIDS: the effective ids become the real ones; the harness runs
    // with real == effective, so nothing observable changes.
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
    if (env_.libc != ModelEnv::Libc::Musl) return;
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
  // fildes as if dup2(returned_fd, fildes) had been called". glibc closes
  // fildes first ("if fildes was already an open file descriptor, it shall
  // be closed before the new file is opened"); musl does not. A dup2'd fd
  // has FD_CLOEXEC clear, so O_CLOEXEC survives only when the open lands on
  // fildes itself.
  Err addopen(const Action& a) {
    if (env_.libc == ModelEnv::Libc::Musl) {
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
    if (got == a.fd) {
      const bool cloexec = a.oflags & kCloExec;
      child_.set(a.fd, {d, cloexec});
      trace_.push_back("  open lands on fd " + std::to_string(a.fd) + (cloexec ? ": O_CLOEXEC kept" : ""));
      return "";
    }
    // Only musl gets here with fildes out of range (glibc refused it when added).
    if (a.fd >= env_.nofile) return "EBADF";
    child_.set(a.fd, {d, false});
    trace_.push_back("  open gets fd " + std::to_string(got) + ", dup2 to " + std::to_string(a.fd) +
                     ((a.oflags & kCloExec) ? ": FD_CLOEXEC lost" : ""));
    return "";
  }

  // Closing a fd that is not open is not an error: glibc ignores close()
  // failures for in-range fds, musl ignores them all (measured).
  Err addclose(const Action& a) {
    move_musl_pipe_off(a.fd);
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
    if (a.newfd >= env_.nofile) return "EBADF";  // musl only (glibc refused it when added)
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

Prediction predict(const Case& c, const ModelEnv& env) {
  Prediction p;
  try {
    if (auto why = validate(c); !why.empty()) mdl::unpredictable("invalid case: " + why);
    p.outcome = mdl::Spawn(c, env, p.trace).run();
  } catch (const mdl::Unpredictable& u) {
    p.outcome = {};
    p.unpredictable = u.why;
  }
  return p;
}

}  // namespace sc
