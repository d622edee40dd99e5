#include "normalise.h"

#include <fmt/format.h>

#include "surface.h"

namespace sc {
namespace {

// Parent pipes are named by their read end: both ends share one inode.
void add_pipe_identities(const Case& c, const CallerState& before, IdentityMap& ids) {
  for (const auto& p : c.fds) {
    if (p.kind != ParentFd::Kind::PipeRead) continue;
    auto it = before.fds.find(p.fd);
    if (it == before.fds.end()) continue;
    ids[{it->second.major, it->second.minor, it->second.ino}] = fmt::format("pipe:{}", p.fd);
  }
}

}  // namespace

FdState normalise(const ProbeFd& fd, const IdentityMap& ids) {
  FdState s;
  auto it = ids.find({fd.major, fd.minor, fd.ino});
  s.identity = it == ids.end() ? "other" : it->second;
  s.kind = fd.kind;
  s.flags = fd.flags;
  s.cloexec = fd.cloexec;
  if (fd.kind == "reg") s.offset = fd.offset;
  return s;
}

ChildState normalise(const ProbeReport& report, const IdentityMap& ids, std::string_view scratch_root_dir,
                     long caller_pgid) {
  ChildState c;
  c.argv = report.argv;
  c.envp = report.envp;
  while (scratch_root_dir.size() > 1 && scratch_root_dir.back() == '/') scratch_root_dir.remove_suffix(1);
  std::string_view cwd = report.cwd;
  if (cwd == scratch_root_dir) {
    c.cwd = ".";
  } else if (cwd.starts_with(scratch_root_dir) && cwd.size() > scratch_root_dir.size() &&
             (cwd[scratch_root_dir.size()] == '/' || scratch_root_dir == "/")) {
    c.cwd = std::string(cwd.substr(scratch_root_dir.size() + (scratch_root_dir == "/" ? 0 : 1)));
  } else {
    c.cwd = "outside:" + report.cwd;
  }
  for (const auto& [n, fd] : report.fds) c.fds.emplace(n, normalise(fd, ids));
  c.sigmask = report.sigmask & ~kLibcInternalSignals;
  c.sigign = report.sigign & ~kLibcInternalSignals;
  c.sigcatch = report.sigcatch & ~kLibcInternalSignals;
  c.umask = report.umask;
  c.pgid_is_self = report.pgid == report.pid;
  c.pgid_is_parent_pgid = report.pgid == caller_pgid;
  c.sid_is_self = report.sid == report.pid;
  return c;
}

Observation observe(const AgentReply& reply, ObservationContext ctx) {
  Observation o;
  o.outcome.error = reply.ret;
  o.outcome.stage = reply.stage;
  o.outcome.exited_127 = reply.ret == "0" && !reply.probe && reply.wait == AgentReply::Wait::Exited &&
                         reply.wait_code == 127;
  if (reply.probe) {
    add_pipe_identities(*ctx.c, reply.before, ctx.ids);
    o.outcome.child = normalise(*reply.probe, ctx.ids, ctx.root, reply.self_pgid);
    for (auto& a : o.outcome.child->argv)
      if (a == ctx.probe) a = kProbeLabel;
  }
  if (ctx.host_probe_under_emulation) o.comparable_signals = kStandardSignals & ~kFaultSignals;
  return o;
}

}  // namespace sc
