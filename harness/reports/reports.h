// reports.h — the written forms of a run: text for people
// (report_text.cpp), JSON for tools (report_json.cpp), JUnit XML for CI
// dashboards (report_junit.cpp). Each carries the findings (checks/
// findings.h) beside the results.
#pragma once

#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "findings.h"
#include "result.h"

namespace sc {

// A reproducer larger than this is written to a file of its own and
// linked from the report rather than pasted into it.
inline constexpr std::size_t kInlineReproducerMax = 4096;

struct RunReport {
  const std::vector<Result>* results = nullptr;
  Profile profile = Profile::Linux;
  Baseline baseline;                     // accepted findings (--baseline)
  std::vector<Finding> findings;         // of results, under baseline
  // Result -> the file its reproducer was written to, for those over
  // kInlineReproducerMax (write_reproducers).
  std::map<const Result*, std::string> reproducer_files;
};
RunReport run_report(const std::vector<Result>& results, Profile profile, Baseline baseline = {});

// Writes the reproducers over kInlineReproducerMax to dir/<check id>.case,
// making dir when there is one; "" or the first error.
std::string write_reproducers(RunReport& report, const std::string& dir);

void write_text(std::ostream& out, const RunReport& report);
void write_json(std::ostream& out, const RunReport& report);
void write_junit(std::ostream& out, const RunReport& report);
// One <testsuite> element of a JUnit report; each testcase's classname is
// "<class_prefix>.<class id>", the result's backend when class_prefix is "".
// A failure's reproducer is printed in full unless reproducer_note says
// where to find it instead (a file written beside the report).
void write_junit_suite(std::ostream& out, std::string_view name, const std::vector<Result>& results,
                       std::string_view class_prefix = {},
                       const std::function<std::string(const Result&)>& reproducer_note = {},
                       const std::vector<Finding>* findings = nullptr);

// The baseline file (--baseline, --write-baseline): the findings accepted
// on purpose, by cause and check. "" or why it cannot be read or written.
std::string read_baseline(const std::string& path, Baseline& baseline);
std::string write_baseline(const std::string& path, const RunReport& report);

// Text made safe for XML and HTML element content and quoted attribute
// values; control bytes XML cannot carry become \xNN.
std::string xml_escape(std::string_view s);

}  // namespace sc
