#include "reports.h"

#include <nlohmann/json.hpp>

#include "case_format.h"

namespace sc {

void write_json(std::ostream& out, const std::vector<Result>& results, Profile profile) {
  nlohmann::json j;
  j["profile"] = profile_name(profile);
  j["results"] = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json e{{"check", r.check->id},
                     {"class", class_id(r.check->cls)},
                     {"backend", r.backend},
                     {"status", status_name(r.verdict.status)},
                     {"reason", r.verdict.reason},
                     {"source", r.check->source},
                     {"quote", r.check->quote},
                     {"seconds", r.seconds}};
    if (r.verdict.reproducer) e["reproducer"] = print_case(*r.verdict.reproducer);
    j["results"].push_back(std::move(e));
  }
  auto s = summarise(results);
  j["summary"] = {{"pass", s.pass}, {"fail", s.fail}, {"broken", s.broken},
                  {"unsupported", s.unsupported}, {"not_applicable", s.not_applicable}};
  // Reasons may carry raw bytes of a child's argv; replace rather than throw.
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace sc
