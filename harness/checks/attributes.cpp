// Attributes: signal mask, default dispositions, process group, session,
// ids, and the posix_spawnattr_* object itself.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

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

// The kernel drops SIGKILL and SIGSTOP from any mask without an error, so
// naming them is valid and the rest of the mask still applies.
Verdict sigmask_unblockable_dropped(Session& s) {
  Case c = probe_case("attributes-setsigmask-unblockable");
  c.attr.flags = attrflag("SETSIGMASK");
  c.attr.sigmask = sig("SIGKILL") | sig("SIGSTOP") | sig("SIGUSR2");
  return expect_model(s, c, "POSIX_SPAWN_SETSIGMASK naming SIGKILL and SIGSTOP");
}

// Both at once: in the order glibc and musl apply them, setpgid on the new
// session leader fails; in bionic's, setsid in a group leader (SID_PGROUP).
// Either way the call fails: one that succeeds ignores a failing step.
Verdict setsid_then_setpgroup_eperm(Session& s) {
  Case c = probe_case("attributes-setsid-setpgroup-eperm");
  c.attr.flags = attrflag("SETSID") | attrflag("SETPGROUP");
  c.attr.pgroup = 0;
  return expect_choice(s, c, Choice::SID_PGROUP, "POSIX_SPAWN_SETSID with POSIX_SPAWN_SETPGROUP");
}

Verdict negative_pgroup_einval(Session& s) {
  Case c = probe_case("attributes-setpgroup-negative");
  c.attr.flags = attrflag("SETPGROUP");
  c.attr.pgroup = -1;
  return expect_model(s, c, "POSIX_SPAWN_SETPGROUP with a negative group");
}

Verdict pgroup_existing(Session& s) {
  auto r = s.scenario(Scenario::pgroup);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (v.error(Field::pgroup_ret) != "0")
    return Verdict::fail(fmt::format("joining an existing process group returned {}", v.error(Field::pgroup_ret)));
  if (!v.has(Field::pgroup_probe_pgid)) return Verdict::fail("the program did not run (no probe report)");
  if (v.integer(Field::pgroup_probe_pgid) != v.integer(Field::pgroup_group))
    return Verdict::fail(fmt::format("the child is in process group {}, expected the existing group {}",
                                     v.integer(Field::pgroup_probe_pgid), v.integer(Field::pgroup_group)));
  return Verdict::pass();
}

Verdict resetids(Session& s) {
  auto r = s.scenario(Scenario::resetids);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (!v.flag(Field::resetids_privileged))
    return Verdict::not_applicable("only a privileged caller can make its effective ids differ from its real ones");
  // real-ids, effective-ids: <uid> <gid>; ids: the probe's <uid> <euid> <gid> <egid>.
  const auto real = v.words(Field::resetids_real_ids);
  const auto effective = v.text(Field::resetids_effective_ids);
  if (v.error(Field::resetids_ret) != "0")
    return Verdict::fail(fmt::format("the call returned {} (effective ids {}, real ids {})", v.error(Field::resetids_ret),
                                     effective, v.text(Field::resetids_real_ids)));
  if (!v.has(Field::resetids_ids)) return Verdict::fail("the program did not run (no probe report)");
  if (real.size() != 2) return Verdict::broken(fmt::format("resetids: real-ids {}", v.text(Field::resetids_real_ids)));
  const auto want = fmt::format("{} {} {} {}", real[0], real[0], real[1], real[1]);
  if (v.text(Field::resetids_ids) != want)
    return Verdict::fail(fmt::format("the child has ids (uid euid gid egid) {}, expected {}: the caller's real ids "
                                     "as effective ones (the caller's effective ids were {})",
                                     v.text(Field::resetids_ids), want, effective));
  return Verdict::pass();
}

// 0x1000 is no flag of glibc (whose end at 0x100) or musl (0x80). POSIX
// lets setflags accept it (SETFLAGS_UNKNOWN): glibc, musl and refcore
// refuse it, and --expect holds an implementation to that.
Verdict setflags_rejects_unknown(Session& s) {
  const auto expect = s.model_env().expect;
  auto r = s.scenario(Scenario::attr_api);
  if (auto t = trouble(r)) return *t;
  const auto& e = r.record.error(Field::attr_api_setflags_unknown);
  const bool refusing = expect == Expectation::Glibc || expect == Expectation::Musl || expect == Expectation::Refcore;
  if (e == "EINVAL" || (e == "0" && !refusing)) {
    if (refusing) return Verdict::pass();
    const auto& info = choice_info(Choice::SETFLAGS_UNKNOWN);
    return Verdict::not_applicable(fmt::format("POSIX leaves {} to the implementation (this one: {}); --expect "
                                               "glibc, musl or refcore requires EINVAL",
                                               info.what, e == "0" ? "accepted" : "EINVAL"));
  }
  return Verdict::fail(fmt::format("posix_spawnattr_setflags(0x1000) returned {}, expected EINVAL", e));
}

// Each setter's return is judged before the getters: an implementation
// that refuses a documented value fails there, not in its getters.
std::optional<Verdict> setter_refused(const ScenarioRecord& v) {
  constexpr std::pair<Field, AttrSetter> kSetters[] = {{Field::attr_api_set_flags, AttrSetter::Flags},
                                                       {Field::attr_api_set_pgroup, AttrSetter::Pgroup},
                                                       {Field::attr_api_set_sigmask, AttrSetter::Sigmask},
                                                       {Field::attr_api_set_sigdefault, AttrSetter::Sigdefault}};
  for (auto [field, setter] : kSetters)
    if (const auto& e = v.error(field); e != "0")
      return Verdict::fail(fmt::format("{} refused a documented value with {} (attributes RESETIDS|SETPGROUP|"
                                       "SETSIGDEF|SETSIGMASK|SETSID, pgroup 4242, SIGUSR1|SIGTERM, "
                                       "SIGHUP|SIGINT|SIGPIPE)",
                                       attr_setter_name(setter), e),
                           std::nullopt,
                           Cause{fmt::format("refused:{}:{}", attr_setter_name(setter), e),
                                 fmt::format("{} returns {}", attr_setter_name(setter), e)});
  return std::nullopt;
}

// Each `<attr> <set> <got>` field of the attr-api scenario, every value
// set other than the default, so a getter that returns the default (or
// another attribute) shows.
Verdict getters_round_trip(Session& s) {
  auto r = s.scenario(Scenario::attr_api);
  if (auto t = trouble(r)) return *t;
  if (auto v = setter_refused(r.record)) return *v;
  std::vector<std::string> wrong;
  for (auto attr : {Field::attr_api_flags, Field::attr_api_pgroup, Field::attr_api_sigmask, Field::attr_api_sigdefault}) {
    auto v = r.record.words(attr);
    if (v.size() != 2) return Verdict::broken(fmt::format("attr-api reply: {} {}", field_key(attr), r.record.text(attr)));
    if (v[0] != v[1]) wrong.push_back(fmt::format("{} set to {} read back as {}", field_key(attr), v[0], v[1]));
  }
  if (!wrong.empty()) return Verdict::fail(fmt::format("{}", fmt::join(wrong, "; ")));
  return Verdict::pass();
}

Verdict init_defaults(Session& s) {
  auto r = s.scenario(Scenario::attr_api);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  std::vector<std::string> wrong;
  if (auto n = v.integer(Field::attr_api_init_flags); n != 0) wrong.push_back(fmt::format("spawn-flags {}", n));
  if (auto n = v.integer(Field::attr_api_init_pgroup); n != 0) wrong.push_back(fmt::format("spawn-pgroup {}", n));
  if (v.text(Field::attr_api_init_sigdefault) != "-")
    wrong.push_back(fmt::format("spawn-sigdefault {}", v.text(Field::attr_api_init_sigdefault)));
  if (!wrong.empty())
    return Verdict::fail(fmt::format("a fresh attributes object has {}, expected 0, 0 and an empty set",
                                     fmt::join(wrong, ", ")));
  return Verdict::pass();
}

}  // namespace

void add_attributes_checks(std::vector<Check>& out) {
  out.push_back({"attributes.setsigmask-applied", Class::attributes, Profile::Posix, "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSIGMASK flag is set in the spawn-flags attribute of the object referenced "
                 "by attrp, the child process shall initially have the signal mask specified in the spawn-sigmask "
                 "attribute of the object referenced by attrp.",
                 {"sigmask-ignored"},
                 sigmask_applied});
  out.push_back({"attributes.defaults-inherit-mask-keep-ignored", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "Signals set to the default action in the calling process shall be set to the default action in "
                 "the child process. Signals set to be caught by the calling process shall be set to the default "
                 "action in the child process.",
                 {"sigign-reset"},
                 defaults_without_attributes});
  out.push_back({"attributes.setsigdef-resets-ignored", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSIGDEF flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, the signals specified in the spawn-sigdefault attribute of the same object shall be set "
                 "to their default actions in the child process.",
                 {"sigdef-ignored"},
                 sigdef_resets_ignored});
  out.push_back({"attributes.setpgroup-zero-new-group", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETPGROUP flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, and the spawn-pgroup attribute of the same object is non-zero, then the child's process "
                 "group shall be as specified in the spawn-pgroup attribute of the object referenced by attrp. ... "
                 "if the spawn-pgroup attribute ... is zero, then the child shall be in a new process group with a "
                 "process group ID equal to its process ID.",
                 {"pgroup-ignored"},
                 pgroup_zero});
  out.push_back({"attributes.setsid-new-session", Class::attributes, Profile::Posix, "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETSID flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, the child process shall be created as if the setsid() function had been called.",
                 {"setsid-ignored"},
                 setsid});
  out.push_back({"attributes.setsigmask-drops-unblockable", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 pthread_sigmask; posix_spawn",
                 "It is not possible to block those signals which cannot be ignored. This shall be enforced by the "
                 "system without causing an error to be indicated.",
                 {"sigmask-rejects-unblockable"},
                 sigmask_unblockable_dropped});
  out.push_back({"attributes.setsid-with-setpgroup-eperm", Class::attributes, Profile::Posix,
                 "setpgid(2) and setsid(2), ERRORS; glibc 2.36 and musl 1.2.3 apply SETSID first (measured), bionic "
                 "SETPGROUP",
                 "EPERM An attempt was made to move a process into a process group in a different session, ... "
                 "or to change the process group ID of a session leader (setpgid(), setpgrp()).",
                 {{"pgroup-error-ignored", Expectation::Glibc}},
                 setsid_then_setpgroup_eperm});
  out.push_back({"attributes.setpgroup-negative-einval", Class::attributes, Profile::Posix,
                 "setpgid(2), ERRORS; POSIX.1-2024 posix_spawnattr_setpgroup (the setter may refuse it first)",
                 "EINVAL pgid is less than 0 (setpgid(), setpgrp()).",
                 {"pgroup-error-ignored"},
                 negative_pgroup_einval});
  out.push_back({"attributes.setpgroup-joins-existing-group", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn",
                 "If the POSIX_SPAWN_SETPGROUP flag is set in the spawn-flags attribute of the object referenced by "
                 "attrp, and the spawn-pgroup attribute of the same object is non-zero, then the child's process "
                 "group shall be as specified in the spawn-pgroup attribute of the object referenced by attrp.",
                 {"pgroup-ignored"},
                 pgroup_existing});
  out.push_back({"attributes.resetids-effective-from-real", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawn (paraphrased)",
                 "(paraphrased) If the POSIX_SPAWN_RESETIDS flag is set, the child's effective user ID and "
                 "effective group ID are reset to the parent's real user ID and real group ID.",
                 {"resetids-ignored"},
                 resetids});
  out.push_back({"attributes.setflags-rejects-unknown", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawnattr_getflags, ERRORS; glibc 2.36 and musl 1.2.3 (measured)",
                 "The posix_spawnattr_setflags() function may fail if: [EINVAL] The value of the attribute being "
                 "set is not valid.",
                 {{"setflags-accepts-unknown", Expectation::Glibc}},
                 setflags_rejects_unknown});
  out.push_back({"attributes.getters-return-what-was-set", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawnattr_getflags, posix_spawnattr_getpgroup, posix_spawnattr_getsigmask, "
                 "posix_spawnattr_getsigdefault",
                 "The posix_spawnattr_getflags() function shall obtain the value of the spawn-flags attribute from "
                 "the attributes object referenced by attr. ... The posix_spawnattr_setflags() function shall set "
                 "the spawn-flags attribute in an initialized attributes object referenced by attr.",
                 {"getters-broken"},
                 getters_round_trip});
  out.push_back({"attributes.init-defaults", Class::attributes, Profile::Posix,
                 "POSIX.1-2024 posix_spawnattr_getflags, posix_spawnattr_getpgroup, posix_spawnattr_getsigdefault",
                 "The default value of this attribute shall be as if no flags were set. ... The default value of "
                 "this attribute shall be zero. ... The default value of this attribute shall be an empty signal "
                 "set.",
                 {"init-defaults-wrong"},
                 init_defaults});
}

}  // namespace sc
