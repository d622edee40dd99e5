#include <filesystem>

#include <fmt/format.h>

#include "case_files.h"
#include "case_format.h"
#include "reports.h"

namespace sc {

RunReport run_report(const std::vector<Result>& results, Profile profile, Baseline baseline) {
  RunReport r;
  r.results = &results;
  r.profile = profile;
  r.findings = findings(results, baseline);
  r.baseline = std::move(baseline);
  return r;
}

std::string write_reproducers(RunReport& report, const std::string& dir) {
  for (const auto& r : *report.results) {
    if (!r.verdict.reproducer || print_case(*r.verdict.reproducer).size() <= kInlineReproducerMax) continue;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fmt::format("{}: {}", dir, ec.message());
    std::string file = fmt::format("{}/{}.case", dir, r.check->id);
    if (auto e = write_case_file(file, *r.verdict.reproducer); !e.empty()) return e;
    report.reproducer_files[&r] = file;
  }
  return {};
}

}  // namespace sc
