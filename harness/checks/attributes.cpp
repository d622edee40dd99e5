// Attributes: signal mask, default dispositions, process group, session.
#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

Verdict sigmask_applied(Session& s) {
  Case c = probe_case("attributes-setsigmask");
  c.sigmask = sig("SIGUSR1");
  c.attr.flags = attrflag("SETSIGMASK");
  c.attr.sigmask = sig("SIGUSR2") | sig("SIGTERM");
  return expect_model(s, c, "POSIX_SPAWN_SETSIGMASK");
}

// Without attributes the mask is inherited, caught signals become default
// and ignored ones stay ignored (exec semantics).
Verdict defaults_without_attributes(Session& s) {
  Case c = probe_case("attributes-none-inherits-mask-and-ignores");
  c.sigmask = sig("SIGUSR1") | sig("SIGHUP");
  c.sigign = sig("SIGINT") | sig("SIGPIPE");
  c.sigcatch = sig("SIGTERM");
  return expect_model(s, c, "signal state without attributes");
}

Verdict sigdef_resets_ignored(Session& s) {
  Case c = probe_case("attributes-setsigdef");
  c.sigign = sig("SIGINT") | sig("SIGPIPE");
  c.attr.flags = attrflag("SETSIGDEF");
  c.attr.sigdefault = sig("SIGINT");
  return expect_model(s, c, "POSIX_SPAWN_SETSIGDEF");
}

Verdict pgroup_zero(Session& s) {
  Case c = probe_case("attributes-setpgroup-0");
  c.attr.flags = attrflag("SETPGROUP");
  c.attr.pgroup = 0;
  return expect_model(s, c, "POSIX_SPAWN_SETPGROUP with 0");
}

Verdict setsid(Session& s) {
  Case c = probe_case("attributes-setsid");
  c.attr.flags = attrflag("SETSID");
  return expect_model(s, c, "POSIX_SPAWN_SETSID");
}

}  // namespace

void add_attributes_checks(std::vector<Check>& out) {
  out.push_back({"attributes.setsigmask-applied", Class::attributes, Profile::Posix, "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSIGMASK flag is set in the spawn-flags attribute of the object referenced "
                 "by attrp, the child process shall initially have the signal mask specified in the spawn-sigmask "
                 "attribute of the object referenced by attrp.",
                 sigmask_applied});
  out.push_back({"attributes.defaults-inherit-mask-keep-ignored", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "Signals set to the default action in the calling process shall be set to the default action in "
                 "the child process. Signals set to be caught by the calling process shall be set to the default "
                 "action in the child process.",
                 defaults_without_attributes});
  out.push_back({"attributes.setsigdef-resets-ignored", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSIGDEF flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, the signals specified in the spawn-sigdefault attribute of the same object shall be set "
                 "to their default actions in the child process.",
                 sigdef_resets_ignored});
  out.push_back({"attributes.setpgroup-zero-new-group", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETPGROUP flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, and the spawn-pgroup attribute of the same object is non-zero, then the child's process "
                 "group shall be as specified in the spawn-pgroup attribute of the object referenced by attrp. ... "
                 "if the spawn-pgroup attribute ... is zero, then the child shall be in a new process group with a "
                 "process group ID equal to its process ID.",
                 pgroup_zero});
  out.push_back({"attributes.setsid-new-session", Class::attributes, Profile::Posix, "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSID flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, the child process shall be created as if the setsid() function had been called.",
                 setsid});
}

}  // namespace sc
