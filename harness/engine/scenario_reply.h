// scenario_reply.h — a scenario's answer as the declared record of
// src/protocol/scenarios.def: every field checked for presence and form on
// arrival, read back through typed accessors. Nothing defaults: reading a
// field the reply does not have, or one of another scenario, throws (the
// check is then BROKEN with the field's name, never judged on a default).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsed.h"

namespace sc {

enum class Scenario {
#define SC_SCENARIO(id, name, needs_primitive) id,
#include "scenarios.def"
};

enum class Field {
#define SC_FIELD(scenario, id, key, type, presence) scenario##_##id,
#include "scenarios.def"
};

std::string_view scenario_name(Scenario s);  // "vfork-suspend"
std::string_view field_key(Field f);         // "flag-at-return"

class ScenarioRecord {
 public:
  explicit ScenarioRecord(Scenario s = {}) : scenario_(s) {}
  Scenario scenario() const { return scenario_; }

  bool has(Field f) const;  // an OPT or MANY field appeared
  bool flag(Field f) const;
  std::uint64_t count(Field f) const;
  std::int64_t integer(Field f) const;
  const std::string& error(Field f) const;  // "0" or an errno name
  std::vector<std::string> words(Field f) const;
  const std::string& text(Field f) const;  // the value as sent
  // Every value of a MANY field, in order.
  const std::vector<std::string>& all(Field f) const;

 private:
  friend Parsed<ScenarioRecord> parse_scenario_record(Scenario, const std::vector<std::pair<std::string, std::string>>&);
  const std::string& one(Field f) const;

  Scenario scenario_;
  std::map<Field, std::vector<std::string>> values_;
};

// The `scenario <key> <value>` lines of a reply (key, value) as s's record,
// or the first field that is missing, repeated, undeclared or malformed.
Parsed<ScenarioRecord> parse_scenario_record(Scenario s, const std::vector<std::pair<std::string, std::string>>& lines);

}  // namespace sc
