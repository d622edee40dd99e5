#include "hello.h"

#include <set>

#include <fmt/format.h>

#include "surface.h"
#include "text_lines.h"

namespace sc {

Parsed<Hello> parse_hello(std::string_view text) {
  auto lines = split_lines(text);
  auto fail = [](const Line& l, std::string_view expected) {
    return Parsed<Hello>{std::nullopt, at_line(l.no, fmt::format("expected {}, got {}", expected, quote(l.text)))};
  };
  if (lines[0].text != "agent 1") return fail(lines[0], "'agent 1'");
  Hello h;
  std::set<std::string_view> seen;
  auto error_or_ok = [](std::string_view v) { return v == "ok" || (v != "0" && is_errno_name(v)); };
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const Line& l = lines[i];
    auto [key, rest] = split_key(l.text);
    if (key == "end" && !rest) {
      if (i + 1 != lines.size()) return fail(lines[i + 1], "nothing after 'end'");
      for (std::string_view k : {"libc", "arch", "vm-shared", "clone3", "subreaper"})
        if (!seen.contains(k)) return {std::nullopt, at_line(l.no, fmt::format("expected a '{}' line before 'end'", k))};
      return {std::move(h), {}};
    }
    if (!rest || rest->empty()) return fail(l, "'<key> <value>'");
    if (!seen.insert(key).second) return fail(l, fmt::format("one '{}' line only", key));
    if (key == "libc") {
      if (*rest != "glibc" && *rest != "musl" && *rest != "unknown") return fail(l, "'libc glibc|musl|unknown'");
      h.libc = std::string(*rest);
    } else if (key == "arch") {
      h.arch = std::string(*rest);
    } else if (key == "vm-shared") {
      using V = Hello::VmShared;
      if (*rest == "1") h.vm_shared = V::Yes;
      else if (*rest == "0") h.vm_shared = V::No;
      else if (*rest != "0" && is_errno_name(*rest)) h.vm_shared = V::CloneFailed, h.vm_error = std::string(*rest);
      else return fail(l, "'vm-shared 1|0|<errno name>'");
    } else if (key == "clone3" || key == "subreaper") {
      if (!error_or_ok(*rest)) return fail(l, fmt::format("'{} ok|<errno name>'", key));
      (key == "clone3" ? h.clone3 : h.subreaper) = std::string(*rest);
    } else {
      return fail(l, "a HELLO item (libc arch vm-shared clone3 subreaper end)");
    }
  }
  return {std::nullopt, at_line(lines.back().no + 1, "expected 'end': the reply is truncated")};
}

}  // namespace sc
