// verdict.h — the outcome vocabulary of a check (DESIGN.md): PASS, FAIL (a
// guarantee was violated), BROKEN (setup or the harness failed; never a
// FAIL), UNSUPPORTED (an optional interface is missing, decided at run
// time), N/A (the profile does not require it or the environment cannot
// verify it). Every verdict but PASS carries its reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "case.h"

namespace sc {

enum class Status { Pass, Fail, Broken, Unsupported, NotApplicable };

std::string_view status_name(Status s);  // PASS FAIL BROKEN UNSUPPORTED N/A

// What a FAIL is a symptom of: FAILs with the same key are one finding
// (checks/findings.h). judge.h derives it from how an observation differs
// from the model; a check with a cause of its own names it.
struct Cause {
  std::string key;    // stable: "exit-127", "setter:posix_spawnattr_setflags:EINVAL", ...
  std::string title;  // one line for people
  bool operator==(const Cause&) const = default;
};

struct Verdict {
  Status status = Status::Pass;
  std::string reason;
  // The smallest request that shows a FAIL, when the check has one.
  std::optional<Case> reproducer;
  // FAIL: its cause; absent: a finding of its own.
  std::optional<Cause> cause;

  static Verdict pass(std::string why = {}) { return {Status::Pass, std::move(why), {}, {}}; }
  static Verdict fail(std::string why, std::optional<Case> c = {}, std::optional<Cause> cause = {}) {
    return {Status::Fail, std::move(why), std::move(c), std::move(cause)};
  }
  static Verdict broken(std::string why) { return {Status::Broken, std::move(why), {}, {}}; }
  static Verdict unsupported(std::string why) { return {Status::Unsupported, std::move(why), {}, {}}; }
  static Verdict not_applicable(std::string why) { return {Status::NotApplicable, std::move(why), {}, {}}; }
};

}  // namespace sc
