#include "reports.h"

#include <map>

#include <fmt/format.h>
#include <fmt/ostream.h>

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

void write_junit(std::ostream& out, const RunReport& report) {
  fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>");
  write_junit_suite(out, fmt::format("spawncheck-{}", profile_name(report.profile)), *report.results, {},
                    [&](const Result& r) {
                      auto it = report.reproducer_files.find(&r);
                      return it == report.reproducer_files.end() ? print_case(*r.verdict.reproducer)
                                                                 : "reproducer: " + it->second;
                    },
                    &report.findings);
  fmt::print(out, "</testsuites>\n");
}

void write_junit_suite(std::ostream& out, std::string_view name, const std::vector<Result>& results,
                       std::string_view class_prefix,
                       const std::function<std::string(const Result&)>& reproducer_note,
                       const std::vector<Finding>* findings) {
  // Which finding each FAIL belongs to; a baselined one is a skip, so an
  // accepted deviation does not turn a dashboard red.
  std::map<const Result*, const Finding*> finding_of;
  if (findings)
    for (const auto& f : *findings)
      for (const auto* r : f.results) finding_of[r] = &f;
  auto s = summarise(results);
  int baselined = 0;
  for (const auto& [r, f] : finding_of) baselined += f->baselined;
  double total = 0;
  for (const auto& r : results) total += r.seconds;
  fmt::print(out, "<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
             xml_escape(name), results.size(), s.fail - baselined, s.broken, s.unsupported + s.not_applicable + baselined,
             total);
  if (findings && !findings->empty()) {
    fmt::print(out, "  <properties>\n");
    for (const auto& f : *findings)
      fmt::print(out, "    <property name=\"finding:{}\" value=\"{}{} ({} checks)\"/>\n", xml_escape(f.cause.key),
                 xml_escape(f.cause.title), f.baselined ? ", baselined" : "", f.results.size());
    fmt::print(out, "  </properties>\n");
  }
  for (const auto& r : results) {
    fmt::print(out, "  <testcase classname=\"{}.{}\" name=\"{}\" time=\"{:.3f}\">",
               xml_escape(class_prefix.empty() ? std::string_view(r.backend) : class_prefix),
               class_id(r.check->cls), xml_escape(r.check->id), r.seconds);
    auto why = xml_escape(r.verdict.reason);
    const auto f = finding_of.find(&r);
    if (r.verdict.cause) why = xml_escape(fmt::format("[{}] {}", r.verdict.cause->title, r.verdict.reason));
    if (f != finding_of.end() && f->second->baselined) {
      fmt::print(out, "<skipped message=\"BASELINED: {}\"/></testcase>\n", why);
      continue;
    }
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
