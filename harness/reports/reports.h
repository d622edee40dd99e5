// reports.h — the three written forms of a run's results: text for people
// (report_text.cpp), JSON for tools (report_json.cpp), JUnit XML for CI
// dashboards (report_junit.cpp).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "result.h"

namespace sc {

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

}  // namespace sc
