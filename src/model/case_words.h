// case_words.h — what one hand-written word of a case file means
// (internal to src/model; docs/case-format.md "Spellings"): every
// unambiguous spelling of a number, a mode, a signal, a flag or an errno
// name is read as the value it names; anything else is answered with what
// was expected instead. The words come from names in spawn_ops.def
// (surface.h), never from a list of their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "case.h"

namespace sc::casetext {

// The value, or what the word should have been: `expected` completes
// "expected …", and `at` is the byte offset in the word it refers to.
template <class T>
struct Word {
  std::optional<T> value;
  std::string expected;
  std::size_t at = 0;
};

// A decimal number, optionally signed. Leading zeros are read past unless
// C would read the same digits as a different octal number (`010`).
Word<long long> decimal_word(std::string_view w, std::string_view what, long long lo, long long hi);
// Octal, as chmod and umask(1) read it: `644`, `0644`, `0o644`, `0`.
Word<std::uint32_t> octal_word(std::string_view w, std::string_view what, std::uint32_t max);
// A signal by name (any case, with or without SIG, an alias, SIGRT<n>,
// SIGRTMAX-<n>) or number; 32..34 and SIGRTMIN+<n> are refused.
Word<int> signal_word(std::string_view w);
// "0" or an errno name in any case, as its canonical name.
Word<std::string> errno_word(std::string_view w);
// One open flag in any case, with or without O_, or an alias; "0" is no bit.
std::optional<OFlags> oflag_word(std::string_view w);
// One attribute flag in any case, with or without POSIX_SPAWN_; "0" is no bit.
std::optional<AttrFlags> attrflag_word(std::string_view w);

}  // namespace sc::casetext
