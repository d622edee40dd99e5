// Answers from verdicts: each rule of capabilities.def is a small function
// of the evidence's statuses; the observations no check makes are below.
#include "capabilities.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "backends.h"
#include "catalogue.h"
#include "expect.h"
#include "interrupt.h"
#include "surface.h"

namespace sc {
namespace {

struct Question {
  const char* id;
  const char* rule;
  const char* question;
  const char* evidence;
};

constexpr Question kQuestions[] = {
#define SC_QUESTION(id, rule, question, evidence) {#id, #rule, question, evidence},
#include "capabilities.def"
};

std::vector<Evidence> parse_evidence(const char* text) {
  std::vector<Evidence> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    Evidence e;
    auto eq = word.find('=');
    e.id = word.substr(0, eq);
    if (eq != std::string::npos) e.tag = word.substr(eq + 1);
    out.push_back(std::move(e));
  }
  return out;
}

bool observed(const Evidence& e) { return e.id.starts_with("observe:"); }

// The observations below, by the names capabilities.def gives them.
constexpr std::string_view kFullSetsigdef = "observe:full-setsigdef";
constexpr std::string_view kClone3PassesThrough = "observe:clone3-error-passes-through";

const Check* check_named(const std::string& id) {
  for (const auto& c : registry())
    if (c.id == id) return &c;
  return nullptr;
}

// The error name a filtered clone3 returns that no spawn returns otherwise.
constexpr const char* kClone3Marker = "EMLINK";

// The agent of `t` with clone3 failing with err (src/agent/clone3_filter.h).
Target clone3_failing(Target t, const char* err) {
  t.agent.insert(t.agent.end(), {"--clone3-errno", err});
  return t;
}

// SETSIGDEF naming every signal a case may name: SIGKILL and SIGSTOP
// included (sigaction refuses them: glibc and musl skip them, bionic and
// FreeBSD used to fail the spawn), the libc's own 32..34 excluded.
Verdict full_setsigdef(Session& s) {
  Case c = probe_case("capabilities-full-setsigdef");
  c.sigign = sig("SIGINT") | sig("SIGPIPE");
  c.attr.flags = attrflag("SETSIGDEF");
  c.attr.sigdefault = signal_range(1, kMaxSignal) & ~kLibcInternalSignals;
  return expect_model(s, c, "POSIX_SPAWN_SETSIGDEF with every signal");
}

// ---- the rules -------------------------------------------------------------

std::vector<std::string> rule_all(const std::vector<Evidence>& ev, std::string& note) {
  auto count = [&](Status st) { return std::count_if(ev.begin(), ev.end(), [&](auto& e) { return e.status == st; }); };
  if (count(Status::Fail)) return {"no"};
  if (count(Status::Pass)) return {"yes"};
  if (count(Status::Unsupported)) return {"absent"};
  note = "no check could be applied here (see the reasons)";
  return {"unknown"};
}

// The evidence, run on another agent, against the same checks' verdicts
// in the run itself: what changed there is the other agent's doing.
std::vector<std::string> rule_same(const std::vector<Evidence>& ev, const std::map<std::string, Verdict>& own,
                                   std::string& note) {
  int compared = 0;
  for (const auto& e : ev) {
    const Status before = own.at(e.id).status;
    if (before == Status::Pass && e.status != Status::Pass) {
      note = fmt::format("{} passes with clone3 and does not without it", e.id);
      return {"no"};
    }
    compared += before == Status::Pass;
  }
  if (compared) {
    note = "every check that passes with clone3 passes without it";
    return {"yes"};
  }
  note = "none of these checks passes here even with clone3";
  return {"unknown"};
}

std::vector<std::string> rule_form(const std::vector<Evidence>& ev, std::string& note) {
  const auto returned = ev.at(0).status, nothing_ran = ev.at(1).status;
  if (returned == Status::Pass) return {"returned"};
  if (returned == Status::Fail && nothing_ran == Status::Pass) return {"exit-127"};
  if (returned == Status::Fail) return {"neither"};
  note = "whether the error is returned cannot be seen here (see the reasons)";
  return {"unknown"};
}

std::vector<std::string> rule_words(const std::vector<Evidence>& ev) {
  std::vector<std::string> out;
  for (const auto& e : ev)
    if (e.status == Status::Pass) out.push_back(e.tag);
  return out;
}


}  // namespace

std::string unknown_evidence() {
  std::vector<std::string> missing;
  for (const auto& q : kQuestions)
    for (const auto& e : parse_evidence(q.evidence))
      if (observed(e) ? e.id != kFullSetsigdef && e.id != kClone3PassesThrough : !check_named(e.id))
        missing.push_back(fmt::format("{} ({})", e.id, q.id));
  return fmt::format("{}", fmt::join(missing, ", "));
}

Capabilities answer_capabilities(const std::string& backend, const std::string& target_name, unsigned timeout_ms) {
  Capabilities caps;
  caps.backend = backend;
  caps.target = target_name;
  if (auto e = unknown_evidence(); !e.empty()) {
    caps.error = "capabilities.def names checks the catalogue does not have: " + e;
    return caps;
  }
  auto resolved = resolve_target(target_name, backend, ProbeMode::Auto);
  if (!resolved.target) {
    caps.error = resolved.error;
    return caps;
  }
  const Target target = *resolved.target;
  caps.how = target.how;

  // Every check any question names, run once on one agent.
  std::vector<const Check*> checks;
  for (const auto& q : kQuestions)
    for (const auto& e : parse_evidence(q.evidence))
      if (const Check* c = observed(e) ? nullptr : check_named(e.id);
          c && std::find(checks.begin(), checks.end(), c) == checks.end())
        checks.push_back(c);
  std::map<std::string, Verdict> verdicts;
  Verdict sigdef = Verdict::broken("not run");
  Expectation expect = Expectation::Posix;  // whose documented choices the session predicts
  try {
    Session session(backend, target, timeout_ms);
    if (auto e = preflight(session); !e.empty()) {
      caps.error = fmt::format("backend {}: {}", backend, e);
      return caps;
    }
    caps.hello = session.hello();
    expect = session.model_env().expect;
    for (const Check* c : checks) verdicts[c->id] = run_check(*c, session);
    sigdef = full_setsigdef(session);
  } catch (const std::exception& e) {
    caps.error = fmt::format("setup: {}", e.what());
    return caps;
  }
  if (interrupted()) {
    caps.error = interruption();
    return caps;
  }

  // The clone3 observations: natively, an agent whose clone3 is filtered;
  // where clone3 is unavailable already (qemu-user), the run above was
  // that agent.
  const bool clone3_here = caps.hello.clone3 == "ok";
  Verdict clone3_used = Verdict::not_applicable(
      fmt::format("clone3 is unavailable here ({}): nothing can call it", caps.hello.clone3));
  std::optional<bool> clone3_called;  // when clone3_used is a PASS: what it showed
  std::map<std::string, Verdict> fallback;
  const std::string fallback_agent = clone3_here && !target.emulated() ? "clone3 fails with ENOSYS (seccomp)" : "";
  std::vector<const Check*> fallback_checks;
  for (const auto& q : kQuestions)
    if (std::string_view(q.rule) == "fallback")
      for (const auto& e : parse_evidence(q.evidence)) fallback_checks.push_back(check_named(e.id));
  if (!clone3_here) {
    for (const Check* c : fallback_checks) fallback[c->id] = verdicts[c->id];
  } else if (target.emulated()) {
    clone3_used = Verdict::not_applicable("an emulated agent cannot install a seccomp filter");
    for (const Check* c : fallback_checks) fallback[c->id] = clone3_used;
  } else {
    try {
      Session marked(backend, clone3_failing(target, kClone3Marker), timeout_ms);
      Case c = probe_case("capabilities-clone3-marker");
      Run r = predict_and_run(marked, c);
      if (r.reply.ret == kClone3Marker || r.reply.ret == "0") {
        clone3_called = r.reply.ret == kClone3Marker;
        clone3_used = Verdict::pass(fmt::format("with clone3 failing {} the spawn returned {}", kClone3Marker,
                                                r.reply.ret));
      } else if (auto t = trouble(r, c)) {
        clone3_used = Verdict::broken(t->reason);
      } else {
        clone3_used = Verdict::broken(fmt::format("with clone3 failing {} the spawn returned {}", kClone3Marker,
                                                  r.reply.ret));
      }
      Session nosys(backend, clone3_failing(target, "ENOSYS"), timeout_ms);
      for (const Check* ch : fallback_checks) fallback[ch->id] = run_check(*ch, nosys);
    } catch (const std::exception& e) {
      clone3_used = Verdict::broken(fmt::format("an agent with clone3 filtered did not start: {}", e.what()));
      for (const Check* ch : fallback_checks) fallback[ch->id] = clone3_used;
    }
  }

  for (const auto& q : kQuestions) {
    Answer a{q.id, q.rule, q.question, {}, "observed", {}, parse_evidence(q.evidence)};
    const std::string_view rule = q.rule;
    for (auto& e : a.evidence) {
      const Verdict* v = e.id == kFullSetsigdef         ? &sigdef
                         : e.id == kClone3PassesThrough ? &clone3_used
                         : rule == "fallback"                             ? &fallback.at(e.id)
                                                                          : &verdicts.at(e.id);
      e.status = v->status;
      e.reason = v->reason;
      if (rule == "fallback") e.agent = fallback_agent;
    }
    if (rule == "fallback" && !fallback_agent.empty()) a.words = rule_same(a.evidence, verdicts, a.note);
    else if (rule == "all" || rule == "fallback") a.words = rule_all(a.evidence, a.note);
    else if (rule == "form") a.words = rule_form(a.evidence, a.note);
    else if (rule == "words") a.words = rule_words(a.evidence);
    else if (rule == "used") {
      a.words = {!clone3_called ? "unknown" : *clone3_called ? "yes" : "no"};
      if (!clone3_called) a.note = clone3_used.reason;
      else if (!*clone3_called) a.note = "it never calls clone3, or falls back from every clone3 error";
    }
    else if (rule == "path") {
      const auto st = a.evidence.at(0).status;
      if (st == Status::Fail) {
        a.words = {"cwd"};
        a.note = "the caller's cwd is searched";
      } else if (st == Status::Pass && expect != Expectation::Posix && expect != Expectation::Bionic &&
                 expect != Expectation::FreeBSD) {
        a.words = {std::string(default_search_path(expect))};
        a.basis = "documented";
        a.note = "the cwd is not searched (observed); the list is what this implementation documents";
      } else {
        a.words = {"unknown"};
        a.note = st == Status::Pass ? "the cwd is not searched (observed); the list of this implementation is not "
                                      "documented here"
                                    : "the check could not be applied here";
      }
    }
    caps.answers.push_back(std::move(a));
  }
  return caps;
}

}  // namespace sc
