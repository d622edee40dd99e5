// text_lines.h — the pieces every parser of agent and probe text shares:
// lines, the key of a line, single-space-separated words, numbers, and the
// way input text appears in an error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decimal.h"

namespace sc {

struct Line {
  std::size_t no;  // 1-based, in the whole text
  std::string_view text;
};

// Splits at '\n'; a single final newline ends the last line rather than
// starting an empty one. Never empty.
std::vector<Line> split_lines(std::string_view text);
// The word before the first space, and what follows that space.
std::pair<std::string_view, std::optional<std::string_view>> split_key(std::string_view line);
// Single-space-separated words; an empty word (doubled, leading or trailing
// space) is kept, for the caller to refuse.
std::vector<std::string_view> words(std::string_view s);
// Input text in an error message: bounded, and printable whatever the bytes.
std::string quote(std::string_view s);
// "line <n>: <what>".
std::string at_line(std::size_t no, std::string_view what);

}  // namespace sc
