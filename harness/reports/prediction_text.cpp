#include "prediction_text.h"

#include <fmt/format.h>

#include "case_format.h"
#include "surface.h"

namespace sc {
namespace {

std::string quoted_list(const std::vector<std::string>& v) {
  if (v.empty()) return "(none)";
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + case_quote(s);
  return out;
}

std::string signals(SigSet set) {
  std::string out;
  for (int n = 1; n <= kMaxSignal; ++n)
    if (set & sigbit(n)) out += (out.empty() ? "" : " ") + signal_name(n);
  return out.empty() ? "(none)" : out;
}

// "path:data.txt" is a file of the case root, "pipe:4" the pipe whose read
// end the caller has at fd 4.
std::string fd_line(int fd, const FdState& f) {
  auto line = fmt::format("    {:<3} {} ({}), {}", fd, f.identity, f.kind, oflags_text(f.flags));
  line += f.cloexec ? ", FD_CLOEXEC" : ", no FD_CLOEXEC";
  if (f.offset) line += fmt::format(", offset {}", *f.offset);
  return line + "\n";
}

}  // namespace

std::string describe_outcome(const Outcome& o, const Case& request) {
  const std::string from =
      o.error != "0" && o.stage.call != Stage::Call::Spawn ? " from " + stage_text(o.stage, &request) : "";
  if (!o.child)
    return o.error == "0" ? fmt::format("the call returns 0; the program does not report{}\n",
                                        o.exited_127 ? " (the child exits 127)" : "")
                          : fmt::format("the call returns {}{}; the program does not run\n", o.error, from);
  const auto& c = *o.child;
  std::string out = fmt::format("the call returns {}; the program runs with\n", o.error);
  out += fmt::format("  argv     {}\n", quoted_list(c.argv));
  out += fmt::format("  envp     {}\n", quoted_list(c.envp));
  out += fmt::format("  cwd      {} (relative to the case root)\n", case_quote(c.cwd));
  out += c.fds.empty() ? "  fds      (none open)\n" : "  fds\n";
  for (const auto& [fd, f] : c.fds) out += fd_line(fd, f);
  out += fmt::format("  blocked  {}\n", signals(c.sigmask));
  out += fmt::format("  ignored  {}\n", signals(c.sigign));
  if (c.sigcatch) out += fmt::format("  caught   {}\n", signals(c.sigcatch));
  out += fmt::format("  umask    {:04o}\n", c.umask);
  out += fmt::format("  pgroup   {}\n", c.pgid_is_self          ? "its own (pgid = its pid)"
                                         : c.pgid_is_parent_pgid ? "the caller's"
                                                                 : "another than the caller's, not its own");
  out += fmt::format("  session  {}\n", c.sid_is_self ? "its own (sid = its pid)" : "the caller's");
  return out;
}

std::string describe_prediction(const Prediction& p, const Case& c) {
  std::string out;
  if (!p.unpredictable.empty()) out = fmt::format("the model cannot predict this case: {}\n", p.unpredictable);
  else if (p.allowed.size() == 1) out = describe_outcome(p.outcome(), c);
  else out = fmt::format("{} outcomes are allowed (POSIX leaves a choice; --expect narrows it):\n", p.allowed.size());
  for (std::size_t i = 0; p.allowed.size() > 1 && i < p.allowed.size(); ++i) {
    out += fmt::format("\n{}. {}", i + 1, describe_outcome(p.allowed[i].outcome, c));
    for (const auto& t : p.allowed[i].taken) out += fmt::format("   where {}\n", describe(t));
  }
  out += p.trace.empty() ? "\nreasoning: (no rule applied)\n"
                         : p.allowed.size() > 1 ? "\nreasoning (to outcome 1):\n" : "\nreasoning:\n";
  for (std::size_t i = 0; i < p.trace.size(); ++i) out += fmt::format("  {:>2}. {}\n", i + 1, p.trace[i]);
  return out;
}

}  // namespace sc
