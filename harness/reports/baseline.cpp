// The baseline file: {"spawncheck-baseline": 1, "findings": [{"cause": key,
// "title": ..., "checks": [...]}]}. The title is there for the person who
// reviews the file; cause and checks are what is accepted.
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports.h"
#include "sys_error.h"

namespace sc {

std::string read_baseline(const std::string& path, Baseline& baseline) {
  std::ifstream in(path);
  if (!in) return sys_error("open", path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("spawncheck-baseline", 0) != 1 || !j.contains("findings") ||
      !j["findings"].is_array())
    return fmt::format("{}: not a spawncheck baseline (version 1)", path);
  for (const auto& f : j["findings"]) {
    if (!f.is_object() || !f.contains("cause") || !f["cause"].is_string())
      return fmt::format("{}: a finding without a \"cause\"", path);
    const auto key = f["cause"].get<std::string>();
    if (!f.contains("checks") || !f["checks"].is_array())
      return fmt::format("{}: finding {} without a \"checks\" list", path, key);
    auto& checks = baseline[key];
    for (const auto& c : f["checks"]) {
      if (!c.is_string()) return fmt::format("{}: finding {}: a check that is not a string", path, key);
      checks.insert(c.get<std::string>());
    }
  }
  return {};
}

std::string write_baseline(const std::string& path, const RunReport& report) {
  nlohmann::json j{{"spawncheck-baseline", 1}, {"findings", nlohmann::json::array()}};
  for (const auto& f : report.findings) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto* r : f.results) checks.push_back(r->check->id);
    j["findings"].push_back({{"cause", f.cause.key}, {"title", f.cause.title}, {"checks", std::move(checks)}});
  }
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  if (!out.flush()) return sys_error("write", path);
  return {};
}

}  // namespace sc
