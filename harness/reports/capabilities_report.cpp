#include "capabilities_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace sc {
namespace {

// A `words` answer is a list even when it has one word or none.
nlohmann::json answer_value(const Answer& a) {
  if (a.rule == "words") return a.words;
  return a.words.empty() ? std::string("unknown") : a.words.front();
}

std::string_view vm_shared(Hello::VmShared v) {
  return v == Hello::VmShared::Yes ? "yes" : v == Hello::VmShared::No ? "no" : "clone-failed";
}

}  // namespace

void write_capabilities_json(std::ostream& out, const Capabilities& caps, std::string_view version) {
  nlohmann::ordered_json j;
  j["schema"] = "spawncheck-capabilities";
  j["schema_version"] = kCapabilitiesSchemaVersion;
  j["spawncheck_version"] = version;
  j["backend"] = caps.backend;
  j["target"] = caps.target;
  j["how"] = caps.how;
  j["environment"] = {{"libc", caps.hello.libc},
                      {"arch", caps.hello.arch},
                      {"clone3", caps.hello.clone3},
                      {"vm_shared", vm_shared(caps.hello.vm_shared)}};
  auto& answers = j["answers"] = nlohmann::ordered_json::object();
  for (const auto& a : caps.answers) {
    nlohmann::ordered_json e;
    e["question"] = a.question;
    e["rule"] = a.rule;
    e["answer"] = answer_value(a);
    e["basis"] = a.basis;
    e["note"] = a.note;
    e["evidence"] = nlohmann::ordered_json::array();
    for (const auto& ev : a.evidence) {
      nlohmann::ordered_json x{{"id", ev.id}, {"status", status_name(ev.status)}, {"reason", ev.reason}};
      if (!ev.tag.empty()) x["tag"] = ev.tag;
      if (!ev.agent.empty()) x["agent"] = ev.agent;
      e["evidence"].push_back(std::move(x));
    }
    answers[a.id] = std::move(e);
  }
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_capabilities_text(std::ostream& out, const Capabilities& caps) {
  out << fmt::format("capabilities of {} on {} ({}): {} {}, clone3 {}\n\n", caps.backend, caps.target, caps.how,
                     caps.hello.libc, caps.hello.arch, caps.hello.clone3);
  for (const auto& a : caps.answers) {
    std::string value = a.rule == "words" ? fmt::format("[{}]", fmt::join(a.words, " ")) : answer_value(a).get<std::string>();
    out << fmt::format("{:<20} {}{}\n  {}\n", a.id, value, a.basis == "observed" ? "" : " (" + a.basis + ")",
                       a.question);
    if (!a.note.empty()) out << "  note: " << a.note << "\n";
    for (const auto& e : a.evidence)
      out << fmt::format("    {:<11} {}{}{}\n", status_name(e.status), e.id, e.agent.empty() ? "" : " [" + e.agent + "]",
                         e.reason.empty() ? "" : ": " + e.reason);
    out << "\n";
  }
}

}  // namespace sc
