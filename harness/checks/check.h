// check.h — the registry of checks. A check names one guarantee, the
// document and sentence it enforces, and the broken implementations that
// must make it fail; it is a short function from a Session (one backend,
// one agent, one scratch dir) to a Verdict.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "environment.h"
#include "model.h"
#include "profile.h"
#include "verdict.h"

namespace sc {

class Session;

enum class Class {
#define SC_CLASS(id, title) id,
#include "classes.def"
};

std::string_view class_id(Class c);     // "fd_table": the ctest label
std::string_view class_title(Class c);  // "fd table duplication"

// A broken implementation that must make a check FAIL (tests/broken), and
// whose documented choices it is held to while it does: a check about a
// point POSIX leaves open catches a bug only when the choice is narrowed.
struct Catch {
  Catch(const char* bug_name, std::optional<Expectation> as = std::nullopt) : bug(bug_name), expect(as) {}
  std::string bug;  // bugs.def name
  std::optional<Expectation> expect;
};

struct Check {
  std::string id;        // "<class>.<behaviour>", e.g. "exec_failure.missing-program-enoent"
  Class cls;
  Profile profile;       // Linux: required only under --profile linux
  std::string source;    // "vfork(2), Linux description"
  std::string quote;     // the sentence enforced, verbatim
  // The tests/broken bugs each of which must make it FAIL: the proof that
  // it can (ctest -L selftest).
  std::vector<Catch> caught_by;
  std::function<Verdict(Session&)> run;
  Needs needs = Needs::Nothing;  // of the environment (environment.h)
  // Profile::Linux: why POSIX does not require it, for the N/A under
  // --profile posix; empty for the vfork guarantees themselves.
  std::string linux_only = {};
};

// Every check, in class order. Each checks/<class>.cpp defines
// add_<class>_checks(); explicit calls rather than static registrars, which
// a static library would silently drop.
const std::vector<Check>& registry();

#define SC_CLASS(id, title) void add_##id##_checks(std::vector<Check>& out);
#include "classes.def"

// Runs one check under the session's profile: N/A when the profile does not
// require it, BROKEN when the check itself throws (a harness bug is never a
// FAIL).
Verdict run_check(const Check& c, Session& s);

}  // namespace sc
