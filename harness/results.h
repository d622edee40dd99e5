// results.h — check results and their three written forms: text for people,
// JSON for tools, JUnit XML for CI dashboards.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "check.h"

namespace sc {

struct Result {
  const Check* check = nullptr;
  std::string backend;
  Verdict verdict;
  double seconds = 0;
};

struct Summary {
  int pass = 0, fail = 0, broken = 0, unsupported = 0, not_applicable = 0;
  int applicable() const { return pass + fail + broken; }
};

Summary summarise(const std::vector<Result>& results);

// The exit status of `check` (DESIGN.md): 1 when a guarantee failed, 2 when
// something broke or no applicable check ran (never 0 for nothing), else 0.
int exit_status(const Summary& s);

void write_text(std::ostream& out, const std::vector<Result>& results, Profile profile);
void write_json(std::ostream& out, const std::vector<Result>& results, Profile profile);
void write_junit(std::ostream& out, const std::vector<Result>& results, Profile profile);

std::string_view profile_name(Profile p);

}  // namespace sc
