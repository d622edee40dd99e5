// case_format.h — the text form of a Case (docs/case-format.md), a
// line-oriented grammar with a lenient reader and a canonical printer:
// parse_case takes every unambiguous spelling, print_case writes the one
// canonical text. So print_case(parse_case(x)) is canonical for every
// accepted x (and is x when x already was), and parse_case(print_case(c))
// == c for every valid c.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "case.h"

namespace sc {

// parse_case's answer: the Case, or the first reason the text is not one,
// as "file:line:col: expected …, got …" (col counts bytes from 1).
struct CaseParse {
  std::optional<Case> value;
  std::string error;  // empty when value is set
  explicit operator bool() const { return value.has_value(); }
};

// Never throws on bad input; refuses only what is ambiguous or wrong,
// saying where and what was expected.
CaseParse parse_case(std::string_view text, std::string_view filename);

// The canonical text of c. A Case is valid when parse_case accepts this
// text and gives c back: its names and values are in range, and fields its
// kinds do not use keep their defaults (see docs/case-format.md).
std::string print_case(const Case& c);

// Help text listing every directive, action signature, open flag, attribute
// flag, signal and errno name a case may use (`spawncheck list --surface`).
std::string describe_surface();

// A byte string in the case format's quoting, for messages too: "a\tb\x80".
std::string case_quote(std::string_view bytes);

}  // namespace sc
