// verdict_gtest.h — turning a check's verdict into a GoogleTest result.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "case_format.h"
#include "check.h"

namespace sc {

// "<class>__<behaviour>__<backend>" with every other character made '_', so
// a ctest label can select a class with a gtest filter.
inline std::string test_name(const Check& c, const std::string& backend) {
  std::string id = c.id;
  auto dot = id.find('.');
  std::string name = std::string(class_id(c.cls)) + "__" + id.substr(dot + 1) + "__" + backend;
  for (char& ch : name)
    if (!isalnum(static_cast<unsigned char>(ch)) && ch != '_') ch = '_';
  return name;
}

// PASS passes; UNSUPPORTED and N/A are skips with their reason; FAIL and
// BROKEN fail the test, each saying which it was.
inline void report_verdict(const Check& c, const Verdict& v) {
  switch (v.status) {
    case Status::Pass: return;
    case Status::Unsupported:
    case Status::NotApplicable: GTEST_SKIP() << status_name(v.status) << ": " << v.reason;
    case Status::Broken: FAIL() << "BROKEN (setup or harness, not a conformance failure): " << v.reason;
    case Status::Fail:
      FAIL() << "FAIL " << c.id << ": " << v.reason << "\n  guarantee: " << c.source << " — \"" << c.quote
             << "\"" << (v.reproducer ? "\n  reproducer:\n" + print_case(*v.reproducer) : std::string());
  }
}

}  // namespace sc
