#include "scenario_reply.h"

#include <stdexcept>

#include <fmt/format.h>

#include "surface.h"
#include "text_lines.h"

namespace sc {
namespace {

enum class Type { FLAG, COUNT, INT, ERRNO, WORDS };
enum class Presence { ONE, OPT, MANY };

struct ScenarioInfo {
  std::string_view name;
};
constexpr ScenarioInfo kScenarios[] = {
#define SC_SCENARIO(id, name, needs_primitive) {name},
#include "scenarios.def"
};

struct FieldInfo {
  Scenario scenario;
  std::string_view key;
  Type type;
  Presence presence;
};
constexpr FieldInfo kFields[] = {
#define SC_FIELD(scenario, id, key, type, presence) {Scenario::scenario, key, Type::type, Presence::presence},
#include "scenarios.def"
};

const FieldInfo& info(Field f) { return kFields[static_cast<std::size_t>(f)]; }

bool well_formed(Type t, std::string_view v) {
  switch (t) {
    case Type::FLAG: return v == "0" || v == "1";
    case Type::COUNT: return decimal<std::uint64_t>(v).has_value();
    case Type::INT: return decimal<std::int64_t>(v).has_value();
    case Type::ERRNO: return is_errno_name(v);
    case Type::WORDS: {
      if (v.empty()) return false;
      for (auto w : sc::words(v))
        if (w.empty()) return false;
      return true;
    }
  }
  return false;
}

constexpr std::string_view kForms[] = {"0 or 1", "a number", "a signed number", "0 or an errno name", "words"};

}  // namespace

std::string_view scenario_name(Scenario s) { return kScenarios[static_cast<std::size_t>(s)].name; }
std::string_view field_key(Field f) { return info(f).key; }

const std::string& ScenarioRecord::one(Field f) const {
  if (info(f).scenario != scenario_)
    throw std::logic_error(fmt::format("field '{}' is not one of scenario {}'s", info(f).key, scenario_name(scenario_)));
  auto it = values_.find(f);
  if (it == values_.end())
    throw std::runtime_error(
        fmt::format("scenario {} reply has no '{}' field", scenario_name(scenario_), info(f).key));
  return it->second.front();
}

bool ScenarioRecord::has(Field f) const {
  if (info(f).scenario != scenario_) one(f);  // throws
  return values_.contains(f);
}
bool ScenarioRecord::flag(Field f) const { return one(f) == "1"; }
std::uint64_t ScenarioRecord::count(Field f) const { return *decimal<std::uint64_t>(one(f)); }
std::int64_t ScenarioRecord::integer(Field f) const { return *decimal<std::int64_t>(one(f)); }
const std::string& ScenarioRecord::error(Field f) const { return one(f); }
const std::string& ScenarioRecord::text(Field f) const { return one(f); }
std::vector<std::string> ScenarioRecord::words(Field f) const {
  std::vector<std::string> out;
  for (auto w : sc::words(one(f))) out.emplace_back(w);
  return out;
}
const std::vector<std::string>& ScenarioRecord::all(Field f) const {
  static const std::vector<std::string> none;
  if (info(f).scenario != scenario_) one(f);  // throws
  auto it = values_.find(f);
  return it == values_.end() ? none : it->second;
}

Parsed<ScenarioRecord> parse_scenario_record(Scenario s, const std::vector<std::pair<std::string, std::string>>& lines) {
  ScenarioRecord r(s);
  auto fail = [&](std::string what) {
    return Parsed<ScenarioRecord>{std::nullopt, fmt::format("scenario {} reply: {}", scenario_name(s), what)};
  };
  for (const auto& [key, value] : lines) {
    std::optional<Field> field;
    for (std::size_t i = 0; i < std::size(kFields); ++i)
      if (kFields[i].scenario == s && kFields[i].key == key) field = static_cast<Field>(i);
    if (!field) return fail(fmt::format("undeclared field {}", quote(key)));
    const FieldInfo& f = info(*field);
    if (!well_formed(f.type, value))
      return fail(fmt::format("field '{}' is {}, expected {}", key, quote(value), kForms[static_cast<int>(f.type)]));
    auto& v = r.values_[*field];
    if (!v.empty() && f.presence != Presence::MANY) return fail(fmt::format("field '{}' twice", key));
    v.push_back(value);
  }
  for (std::size_t i = 0; i < std::size(kFields); ++i)
    if (kFields[i].scenario == s && kFields[i].presence == Presence::ONE && !r.values_.contains(static_cast<Field>(i)))
      return fail(fmt::format("missing field '{}'", kFields[i].key));
  return {std::move(r), {}};
}

}  // namespace sc
