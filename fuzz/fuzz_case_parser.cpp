// The case format's contract (case_format.h): the reader takes any
// spelling it can read unambiguously and the printer writes one canonical
// text. For every accepted x, with c = parse(x) and t = print(c):
//   parse(t) == c          printing loses nothing the reader kept, and
//   print(parse(t)) == t   the canonical text is a fixed point (fmt twice
//                          changes nothing);
// every refused text gets a "file:line:col: expected ..." reason.
// Violations trap so libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "case_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sc::CaseParse parsed = sc::parse_case(text, "fuzz.case");
  if (!parsed) {
    if (parsed.error.rfind("fuzz.case:", 0) != 0 || parsed.error.find(": expected ") == std::string::npos)
      __builtin_trap();
    return 0;
  }
  const std::string canonical = sc::print_case(*parsed.value);
  const sc::CaseParse again = sc::parse_case(canonical, "fuzz.case");
  if (!again || !(*again.value == *parsed.value)) __builtin_trap();
  if (sc::print_case(*again.value) != canonical) __builtin_trap();
  return 0;
}
