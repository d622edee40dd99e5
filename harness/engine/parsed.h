// parsed.h — a parser's answer: a value, or an error "line <n>: <what was
// expected>". Parsers of agent and probe text never throw on bad input and
// never read past the text.
#pragma once

#include <optional>
#include <string>

namespace sc {

template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // empty when value is set
  explicit operator bool() const { return value.has_value(); }
};

}  // namespace sc
