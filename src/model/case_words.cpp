// case_words.cpp — the spellings a case file may use for one word
// (case_words.h). Each rule says why it is unambiguous; where a spelling
// could mean two things the word is refused and the message says which.
#include "case_words.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "case_text.h"
#include "surface.h"

namespace sc::casetext {
namespace {

bool all_digits(std::string_view s, char highest) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char d) { return d >= '0' && d <= highest; });
}

// s without its leading zeros, keeping the last digit.
std::string_view significant(std::string_view s) {
  auto first = s.find_first_not_of('0');
  return s.substr(first == std::string_view::npos ? s.size() - 1 : first);
}

template <class T>
Word<T> refused(std::string expected, std::size_t at = 0) {
  return {std::nullopt, std::move(expected), at};
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  return out;
}

}  // namespace

Word<long long> decimal_word(std::string_view w, std::string_view what, long long lo, long long hi) {
  auto digits = w;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (!all_digits(digits, '9')) return refused<long long>(std::string(what));
  auto sig = significant(digits);
  const std::string_view sign = negative ? "-" : "";
  // `007` is 7 to everyone, `08` is no octal number at all; `010` is 10
  // here but 8 to a C programmer.
  if (sig.size() < digits.size() && sig.size() >= 2 && all_digits(sig, '7')) {
    unsigned long long octal = 0;
    auto [end, ec] = std::from_chars(sig.data(), sig.data() + sig.size(), octal, 8);
    if (ec == std::errc() && end == sig.data() + sig.size())
      return refused<long long>(fmt::format("{} without the leading zero (C reads `{}` as octal, {}{}: write {}{} or {}{})",
                                            what, w, sign, octal, sign, sig, sign, octal));
    return refused<long long>(fmt::format("{} without the leading zero (C reads `{}` as octal)", what, w));
  }
  long long v = 0;
  auto [end, ec] = std::from_chars(sig.data(), sig.data() + sig.size(), v);
  if (ec == std::errc() && end == sig.data() + sig.size()) {
    if (negative) v = -v;
    if (v >= lo && v <= hi) return {v, {}, 0};
  }
  return refused<long long>(fmt::format("{} in {}..{}", what, lo, hi));
}

Word<std::uint32_t> octal_word(std::string_view w, std::string_view what, std::uint32_t max) {
  auto digits = w;
  if (digits.starts_with("0o") || digits.starts_with("0O")) digits.remove_prefix(2);
  if (!all_digits(digits, '7'))
    return refused<std::uint32_t>(fmt::format("{} in octal (digits 0-7, as chmod reads it: 644, 0644, 0o644)", what));
  auto sig = significant(digits);
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(sig.data(), sig.data() + sig.size(), v, 8);
  if (ec != std::errc() || end != sig.data() + sig.size() || v > max)
    return refused<std::uint32_t>(fmt::format("{} of at most {}", what, octal4(max)));
  return {v, {}, 0};
}

Word<int> signal_word(std::string_view w) {
  constexpr std::string_view kWhat =
      "a signal: a name (SIGHUP..SIGSYS, SIGRT3..SIGRT32, SIGRTMAX-<n>) or a number (1..31, 35..64)";
  constexpr std::string_view kReserved = "a signal other than 32..34 (the libc reserves them)";
  auto number = [&](long long n) -> Word<int> {
    if (n >= kRtBase && n < kFirstNamedRt) return refused<int>(std::string(kReserved));
    if (n < 1 || n > kMaxSignal) return refused<int>(std::string(kWhat));
    return {static_cast<int>(n), {}, 0};
  };
  // A number inside a name: digits only, the leading-zero rule.
  auto digits = [&](std::string_view d) -> std::optional<Word<long long>> {
    if (!all_digits(d, '9')) return std::nullopt;
    return decimal_word(d, "a signal number", 0, 1000);
  };
  auto numbered = [&](const Word<long long>& n, long long base, int sign) -> Word<int> {
    if (!n.value) return refused<int>(n.expected);
    return number(base + sign * *n.value);
  };
  const std::string upper = to_upper(w);
  std::string_view rest = upper;
  if (rest.starts_with("SIG")) rest.remove_prefix(3);
  if (auto n = digits(rest)) return numbered(*n, 0, 1);  // 10, SIG10
  const std::string name = "SIG" + std::string(rest);
  for (const auto& s : kSignalTable)
    if (s.name == name) return {s.number, {}, 0};
  for (const auto& a : kSignalAliases)
    if (a.alias == name) return {signo(a.name), {}, 0};
  if (rest.starts_with("RTMIN")) {
    // SIGRTMIN is a function of the libc (glibc 34, musl 35), the kernel's
    // 32 in <asm/signal.h>: the same text names three signals.
    auto n = rest.size() > 5 && rest[5] == '+' ? digits(rest.substr(6)) : std::nullopt;
    auto k = n && n->value ? *n->value : rest.size() > 5 ? 1 : 0;
    return refused<int>(fmt::format(
        "a signal named without SIGRTMIN, whose number depends on the libc (glibc {}, musl {}, the kernel's "
        "headers {}): write SIGRT<n> for signal 32+n, e.g. SIGRT{} for glibc's SIGRTMIN+{}, SIGRT{} for musl's",
        SC_SIGNAL_RTMIN_GLIBC, SC_SIGNAL_RTMIN_MUSL, kRtBase, SC_SIGNAL_RTMIN_GLIBC - kRtBase + k, k,
        SC_SIGNAL_RTMIN_MUSL - kRtBase + k));
  }
  if (rest.starts_with("RTMAX")) {
    // SIGRTMAX is 64 for every libc and architecture spawncheck targets.
    if (rest.size() == 5) return number(kMaxSignal);
    if (rest[5] == '-')
      if (auto n = digits(rest.substr(6))) return numbered(*n, kMaxSignal, -1);
    return refused<int>(std::string(kWhat));
  }
  if (rest.starts_with("RT"))
    if (auto n = digits(rest.substr(2))) return numbered(*n, kRtBase, 1);
  return refused<int>(std::string(kWhat));
}

Word<std::string> errno_word(std::string_view w) {
  auto upper = to_upper(w);
  for (const auto& e : errnos())
    if (e.name == upper) return {std::string(e.name), {}, 0};
  auto digits = w;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (all_digits(digits, '9')) {
    if (digits.find_first_not_of('0') == std::string_view::npos) return {"0", {}, 0};
    return refused<std::string>("0 or an errno name, not a number (errno values differ between architectures)");
  }
  std::string names = "0";
  for (const auto& e : errnos()) names += " " + std::string(e.name);
  return refused<std::string>("0 or an errno name: " + names);
}

std::optional<OFlags> oflag_word(std::string_view w) {
  if (w == "0") return OFlags{0};  // O_RDONLY is 0 in every <fcntl.h>
  auto upper = to_upper(w);
  for (const auto& name : {upper, "O_" + upper}) {
    if (auto bit = oflag_named(name)) return bit;
    for (const auto& a : kOFlagAliases)
      if (a.alias == name) return oflag_named(a.name);
  }
  return std::nullopt;
}

std::optional<AttrFlags> attrflag_word(std::string_view w) {
  if (w == "0") return AttrFlags{0};
  auto upper = to_upper(w);
  for (std::size_t i = 0; i < kAttrFlagCount; ++i)
    if (kAttrFlagNames[i] == upper || kAttrFlagSymbols[i] == upper) return AttrFlags{1} << i;
  return std::nullopt;
}

}  // namespace sc::casetext
