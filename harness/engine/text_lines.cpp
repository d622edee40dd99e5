#include "text_lines.h"

namespace sc {

std::vector<Line> split_lines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<Line> lines;
  std::size_t no = 1;
  for (;;) {
    auto nl = text.find('\n');
    lines.push_back({no++, text.substr(0, nl)});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::pair<std::string_view, std::optional<std::string_view>> split_key(std::string_view line) {
  auto sp = line.find(' ');
  if (sp == std::string_view::npos) return {line, std::nullopt};
  return {line.substr(0, sp), line.substr(sp + 1)};
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    auto sp = s.find(' ');
    out.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) return out;
    s.remove_prefix(sp + 1);
  }
}

std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > kMax) out += "...";
  return out + "'";
}

std::string at_line(std::size_t no, std::string_view what) {
  return "line " + std::to_string(no) + ": " + std::string(what);
}

}  // namespace sc
