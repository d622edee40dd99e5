#include <nlohmann/json.hpp>

#include "case_format.h"
#include "reports.h"

namespace sc {

void write_json(std::ostream& out, const RunReport& report) {
  const auto& results = *report.results;
  nlohmann::json j;
  j["profile"] = profile_name(report.profile);
  j["results"] = nlohmann::json::array();
  std::map<const Result*, std::string> cause_keys;
  for (const auto& f : report.findings)
    for (const auto* r : f.results) cause_keys[r] = f.cause.key;
  for (const auto& r : results) {
    nlohmann::json e{{"check", r.check->id},
                     {"class", class_id(r.check->cls)},
                     {"backend", r.backend},
                     {"status", status_name(r.verdict.status)},
                     {"reason", r.verdict.reason},
                     {"source", r.check->source},
                     {"quote", r.check->quote},
                     {"seconds", r.seconds}};
    if (auto it = cause_keys.find(&r); it != cause_keys.end()) e["cause"] = it->second;
    if (auto it = report.reproducer_files.find(&r); it != report.reproducer_files.end())
      e["reproducer_file"] = it->second;
    else if (r.verdict.reproducer)
      e["reproducer"] = print_case(*r.verdict.reproducer);
    j["results"].push_back(std::move(e));
  }
  j["findings"] = nlohmann::json::array();
  for (const auto& f : report.findings) {
    nlohmann::json checks = nlohmann::json::array(), beyond = nlohmann::json::array();
    for (const auto* r : f.results) checks.push_back(r->check->id);
    for (const auto* r : f.beyond) beyond.push_back(r->check->id);
    j["findings"].push_back({{"cause", f.cause.key},
                             {"title", f.cause.title},
                             {"baselined", f.baselined},
                             {"checks", std::move(checks)},
                             {"beyond_baseline", std::move(beyond)}});
  }
  const auto fs = summarise(report.findings, report.baseline);
  auto s = summarise(results);
  j["summary"] = {{"pass", s.pass},
                  {"fail", s.fail},
                  {"broken", s.broken},
                  {"unsupported", s.unsupported},
                  {"not_applicable", s.not_applicable},
                  {"findings", fs.findings},
                  {"baselined", fs.baselined},
                  {"baselined_gone", fs.gone}};
  // Reasons may carry raw bytes of a child's argv; replace rather than throw.
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace sc
