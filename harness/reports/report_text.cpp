#include "reports.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "case_format.h"

namespace sc {

void write_text(std::ostream& out, const std::vector<Result>& results, Profile profile) {
  for (const auto& r : results) {
    fmt::print(out, "{:<11} {} [{}]\n", status_name(r.verdict.status), r.check->id, r.backend);
    if (!r.verdict.reason.empty()) fmt::print(out, "            {}\n", r.verdict.reason);
    if (r.verdict.status == Status::Fail) {
      fmt::print(out, "            guarantee: {} — \"{}\"\n", r.check->source, r.check->quote);
      if (r.verdict.reproducer) {
        fmt::print(out, "            reproducer (spawncheck replay FILE):\n");
        std::string text = print_case(*r.verdict.reproducer);
        for (std::size_t at = 0; at < text.size();) {
          auto nl = text.find('\n', at);
          fmt::print(out, "              {}\n", text.substr(at, nl - at));
          at = nl == std::string::npos ? text.size() : nl + 1;
        }
      }
    }
  }
  auto s = summarise(results);
  fmt::print(out, "\nprofile {}: {} passed, {} failed, {} broken, {} unsupported, {} not applicable\n",
             profile_name(profile), s.pass, s.fail, s.broken, s.unsupported, s.not_applicable);
}

}  // namespace sc
