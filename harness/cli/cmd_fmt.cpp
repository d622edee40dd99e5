// spawncheck fmt: case files rewritten in their canonical text
// (docs/case-format.md), or with --check only listed, for CI.
#include <fmt/format.h>

#include "case_files.h"
#include "case_format.h"
#include "commands.h"

namespace sc {

int cmd_fmt(const FmtOptions& o) {
  std::vector<std::string> files;
  if (auto e = find_case_files(o.files, files); !e.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", e);
    return 2;
  }
  bool unreadable = false, differs = false;
  for (const auto& f : files) {
    std::string text;
    auto e = read_case_text(f, text);
    auto parsed = e.empty() ? parse_case(text, f) : CaseParse{};
    if (!parsed) {
      fmt::print(stderr, "spawncheck: {}\n", e.empty() ? parsed.error : e);
      unreadable = true;
      continue;
    }
    if (print_case(*parsed.value) == text) continue;
    differs = true;
    if (!o.check)
      if (auto w = write_case_file(f, *parsed.value); !w.empty()) {
        fmt::print(stderr, "spawncheck: {}\n", w);
        unreadable = true;
        continue;
      }
    fmt::print("{}\n", f);
  }
  if (unreadable) return 2;
  return o.check && differs ? 1 : 0;
}

}  // namespace sc
