#include "results.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "case_format.h"

namespace sc {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 cannot carry most control bytes, even escaped.
        if (ch < 0x20 && ch != '\n' && ch != '\t') out += fmt::format("\\x{:02x}", ch);
        else out += static_cast<char>(ch);
    }
  }
  return out;
}

std::string_view profile_name(Profile p) { return p == Profile::Linux ? "linux" : "posix"; }

Summary summarise(const std::vector<Result>& results) {
  Summary s;
  for (const auto& r : results) {
    switch (r.verdict.status) {
      case Status::Pass: ++s.pass; break;
      case Status::Fail: ++s.fail; break;
      case Status::Broken: ++s.broken; break;
      case Status::Unsupported: ++s.unsupported; break;
      case Status::NotApplicable: ++s.not_applicable; break;
    }
  }
  return s;
}

int exit_status(const Summary& s) {
  if (s.fail > 0) return 1;
  if (s.broken > 0 || s.pass == 0) return 2;
  return 0;
}

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

void write_junit(std::ostream& out, const std::vector<Result>& results, Profile profile) {
  fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>");
  write_junit_suite(out, fmt::format("spawncheck-{}", profile_name(profile)), results);
  fmt::print(out, "</testsuites>\n");
}

void write_junit_suite(std::ostream& out, std::string_view name, const std::vector<Result>& results,
                       std::string_view class_prefix,
                       const std::function<std::string(const Result&)>& reproducer_note) {
  auto s = summarise(results);
  double total = 0;
  for (const auto& r : results) total += r.seconds;
  fmt::print(out, "<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
             xml_escape(name), results.size(), s.fail, s.broken, s.unsupported + s.not_applicable, total);
  for (const auto& r : results) {
    fmt::print(out, "  <testcase classname=\"{}.{}\" name=\"{}\" time=\"{:.3f}\">",
               xml_escape(class_prefix.empty() ? std::string_view(r.backend) : class_prefix),
               class_id(r.check->cls), xml_escape(r.check->id), r.seconds);
    auto why = xml_escape(r.verdict.reason);
    switch (r.verdict.status) {
      case Status::Pass: break;
      case Status::Fail: {
        std::string body = fmt::format("{} — \"{}\"", r.check->source, r.check->quote);
        if (r.verdict.reproducer)
          body += "\n" + (reproducer_note ? reproducer_note(r) : print_case(*r.verdict.reproducer));
        fmt::print(out, "<failure message=\"{}\">{}</failure>", why, xml_escape(body));
        break;
      }
      case Status::Broken: fmt::print(out, "<error message=\"{}\"/>", why); break;
      case Status::Unsupported:
      case Status::NotApplicable:
        fmt::print(out, "<skipped message=\"{}: {}\"/>", status_name(r.verdict.status), why);
        break;
    }
    fmt::print(out, "</testcase>\n");
  }
  fmt::print(out, "</testsuite>");
}

}  // namespace sc
