#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "case_format.h"
#include "reports.h"

namespace sc {

void write_text(std::ostream& out, const RunReport& report) {
  const auto& results = *report.results;
  for (const auto& r : results) {
    fmt::print(out, "{:<11} {} [{}]\n", status_name(r.verdict.status), r.check->id, r.backend);
    if (!r.verdict.reason.empty()) fmt::print(out, "            {}\n", r.verdict.reason);
    if (r.verdict.status != Status::Fail) continue;
    fmt::print(out, "            guarantee: {} — \"{}\"\n", r.check->source, r.check->quote);
    if (auto it = report.reproducer_files.find(&r); it != report.reproducer_files.end()) {
      fmt::print(out, "            reproducer: {} (spawncheck replay it)\n", it->second);
    } else if (r.verdict.reproducer) {
      fmt::print(out, "            reproducer (spawncheck replay FILE):\n");
      std::string text = print_case(*r.verdict.reproducer);
      for (std::size_t at = 0; at < text.size();) {
        auto nl = text.find('\n', at);
        fmt::print(out, "              {}\n", text.substr(at, nl - at));
        at = nl == std::string::npos ? text.size() : nl + 1;
      }
    }
  }
  const auto fs = summarise(report.findings, report.baseline);
  if (!report.findings.empty()) fmt::print(out, "\nfindings (FAILs grouped by cause):\n");
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& f = report.findings[i];
    std::vector<std::string_view> ids;
    for (const auto* r : f.results) ids.push_back(r->check->id);
    fmt::print(out, "  {}. {}{} [{}]\n     {} check(s): {}\n", i + 1, f.cause.title, f.baselined ? " (baselined)" : "",
               f.cause.key, ids.size(), fmt::join(ids, " "));
    std::vector<std::string_view> beyond;
    for (const auto* r : f.beyond) beyond.push_back(r->check->id);
    if (!beyond.empty()) fmt::print(out, "     baselined for other checks; new here: {}\n", fmt::join(beyond, " "));
  }
  for (const auto& gone : fs.gone) fmt::print(out, "  baselined finding no longer occurs: {}\n", gone);
  auto s = summarise(results);
  fmt::print(out, "\nprofile {}: {} passed, {} failed, {} broken, {} unsupported, {} not applicable; {} finding(s)",
             profile_name(report.profile), s.pass, s.fail, s.broken, s.unsupported, s.not_applicable, fs.findings);
  if (!report.baseline.empty()) fmt::print(out, ", {} baselined", fs.baselined);
  fmt::print(out, "\n");
}

}  // namespace sc
