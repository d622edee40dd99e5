// check.h — the registry of checks. A check names one guarantee, the
// document and sentence it enforces, and is a short function from a
// Session (one backend, one agent, one scratch dir) to a Verdict.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "environment.h"
#include "verdict.h"

namespace sc {

class Session;

enum class Profile { Posix, Linux };

// The guarantee classes of DESIGN.md, in its order; each is a ctest label.
#define SC_CLASSES(X)                          \
  X(suspension, "parent suspension")           \
  X(shared_memory, "shared memory")            \
  X(signals, "signal delivery after release")  \
  X(fd_table, "fd table duplication")          \
  X(exec_failure, "exec-failure reporting")    \
  X(file_actions, "file actions")              \
  X(attributes, "attributes")                  \
  X(argv_envp, "argv/envp integrity")          \
  X(parent_state, "parent-state isolation")    \
  X(concurrency, "concurrency")

enum class Class {
#define SC_CLASS_ENUM(id, title) id,
  SC_CLASSES(SC_CLASS_ENUM)
#undef SC_CLASS_ENUM
};

std::string_view class_id(Class c);     // "fd_table": the ctest label
std::string_view class_title(Class c);  // "fd table duplication"

struct Check {
  std::string id;        // "<class>.<behaviour>", e.g. "exec_failure.missing-program-enoent"
  Class cls;
  Profile profile;       // Linux: required only under --profile linux
  std::string source;    // "vfork(2), Linux description"
  std::string quote;     // the sentence enforced, verbatim
  std::function<Verdict(Session&)> run;
  Needs needs = Needs::Nothing;  // of the environment (environment.h)
};

// Every check, in class order. Each checks/<class>.cpp defines
// add_<class>_checks(); explicit calls rather than static registrars, which
// a static library would silently drop.
const std::vector<Check>& registry();

#define SC_CLASS_ADDER(id, title) void add_##id##_checks(std::vector<Check>& out);
SC_CLASSES(SC_CLASS_ADDER)
#undef SC_CLASS_ADDER

// Runs one check under a profile: N/A when the profile does not require it,
// BROKEN when the check itself throws (a harness bug is never a FAIL).
Verdict run_check(const Check& c, Session& s, Profile active);

}  // namespace sc
