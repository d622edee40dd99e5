// decimal.h — a decimal number filling all of a string, or nothing: how
// every reader of spawncheck's texts (case files, agent replies) takes one.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace sc {

template <class T>
std::optional<T> decimal(std::string_view s) {
  T v{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace sc
