// The case format's round-trip contract (case_format.h): every text
// parse_case accepts is canonical, so printing it gives the same bytes and
// parsing that gives the same Case; every text it refuses gets a
// "file:line:col: expected ..." reason. Violations trap so libFuzzer keeps
// the input.
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
  const std::string printed = sc::print_case(*parsed.value);
  if (printed != text) __builtin_trap();
  const sc::CaseParse again = sc::parse_case(printed, "fuzz.case");
  if (!again || !(*again.value == *parsed.value)) __builtin_trap();
  return 0;
}
