// choices.cpp — the choice points of choices.def and the --expect names.
#include <array>

#include <fmt/format.h>

#include "model.h"

namespace sc {
namespace {

const std::array<ChoiceInfo, kChoiceCount>& table() {
  static const auto t = [] {
    std::array<ChoiceInfo, kChoiceCount> out{};
#define POLICY true
#define PER_USE false
#define SC_CHOICE(ID, name, kind, what) out[static_cast<std::size_t>(Choice::ID)] = {name, what, kind, {}};
#define SC_OPTION(CHOICE, ID, name, who, source) \
  out[static_cast<std::size_t>(Choice::CHOICE)].options.push_back({name, who, source});
#include "choices.def"
#undef POLICY
#undef PER_USE
    return out;
  }();
  return t;
}

constexpr std::string_view kExpectNames[] = {"posix", "glibc", "musl", "bionic", "freebsd", "refcore"};

}  // namespace

const ChoiceInfo& choice_info(Choice c) { return table()[static_cast<std::size_t>(c)]; }

std::string describe(const Taken& t) {
  const auto& c = choice_info(t.choice);
  const auto& o = c.options.at(t.option);
  return fmt::format("{}: {} ({})", c.name, o.name, o.who);
}

std::string describe_choices() {
  std::string out;
  for (std::size_t i = 0; i < kChoiceCount; ++i) {
    const auto& c = table()[i];
    out += fmt::format("{}  ({})\n  {}\n", c.name, c.policy ? "one option per implementation" : "may differ per use",
                       c.what);
    for (const auto& o : c.options) out += fmt::format("  - {}: {}\n      {}\n", o.name, o.who, o.source);
    out += "\n";
  }
  out += fmt::format("{} choice points; --expect {} narrows each to that implementation's option "
                     "(posix allows them all)\n",
                     kChoiceCount, expect_choices());
  return out;
}

std::string_view expect_name(Expectation e) { return kExpectNames[static_cast<std::size_t>(e)]; }

std::optional<Expectation> expect_named(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kExpectNames); ++i)
    if (kExpectNames[i] == name) return static_cast<Expectation>(i);
  return std::nullopt;
}

std::string expect_choices() {
  std::string out;
  for (auto n : kExpectNames) out += (out.empty() ? "" : " | ") + std::string(n);
  return out;
}

}  // namespace sc
