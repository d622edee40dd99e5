// results.h — check results and their three written forms: text for people,
// JSON for tools, JUnit XML for CI dashboards.
#pragma once

#include <functional>
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
// One <testsuite> element of a JUnit report; each testcase's classname is
// "<class_prefix>.<class id>", the result's backend when class_prefix is "".
// A failure's reproducer is printed in full unless reproducer_note says
// where to find it instead (a file written beside the report).
void write_junit_suite(std::ostream& out, std::string_view name, const std::vector<Result>& results,
                       std::string_view class_prefix = {},
                       const std::function<std::string(const Result&)>& reproducer_note = {});

// Text made safe for XML and HTML element content and quoted attribute
// values; control bytes XML cannot carry become \xNN.
std::string xml_escape(std::string_view s);

std::string_view profile_name(Profile p);

}  // namespace sc
