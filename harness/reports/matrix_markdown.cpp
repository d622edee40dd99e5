// The Markdown form of a matrix: a header, a table of checks × columns whose
// cells link to a section per non-PASS cell holding its reason.
#include <cctype>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "matrix_report.h"

namespace sc {
namespace {

// Text that renders as itself in a paragraph or a table cell: Markdown's
// active characters backslash-escaped (a bare | would end the cell), line
// breaks as <br>, control bytes as \xNN. An underscore inside a word
// (posix_spawn) cannot start emphasis, so it stays as is.
std::string md_escape(std::string_view s) {
  std::string out;
  auto word = [&](std::size_t i) { return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto ch = static_cast<unsigned char>(s[i]);
    if (ch == '\n') out += "<br>";
    else if (ch < 0x20 || ch == 0x7f) out += fmt::format("\\x{:02x}", ch);
    else if (ch == '_' && i > 0 && word(i - 1) && word(i + 1)) out += '_';
    else if (std::string_view("\\`*_[]<>|&~#").find(static_cast<char>(ch)) != std::string_view::npos)
      out += '\\', out += static_cast<char>(ch);
    else out += static_cast<char>(ch);
  }
  return out;
}

std::string anchor(const MatrixColumn& col, const Check& c) { return col.slug() + "--" + c.id; }

std::string cell(const MatrixColumn& col, const Result& r) {
  auto status = status_name(r.verdict.status);
  std::string text = r.verdict.status == Status::Pass ? std::string(status)
                                                      : fmt::format("[{}](#{})", status, anchor(col, *r.check));
  if (r.verdict.reproducer) text += fmt::format(" ([case]({}))", reproducer_path(col, *r.check));
  return text;
}

}  // namespace

void write_matrix_markdown(std::ostream& out, const Matrix& m) {
  fmt::print(out, "# spawncheck matrix\n\n");
  fmt::print(out, "- date: {}\n- host: {}\n- command: {}\n- profile: {}\n\n", md_escape(m.date), md_escape(m.host),
             md_escape(m.command), profile_name(m.profile));

  fmt::print(out, "| column | runs as | PASS | FAIL | BROKEN | UNSUPPORTED | N/A | findings | seconds |\n");
  fmt::print(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
  for (const auto& col : m.columns) {
    auto s = summarise(col.results);
    fmt::print(out, "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1f} |\n", md_escape(col.label()),
               md_escape(col.how), s.pass, s.fail, s.broken, s.unsupported, s.not_applicable, col.findings.size(),
               col.seconds);
  }

  // What to fix: the FAILs of each column grouped by cause.
  bool any = false;
  for (const auto& col : m.columns)
    for (const auto& f : col.findings) {
      if (!any) fmt::print(out, "\n## Findings\n\n| column | cause | checks |\n|---|---|---|\n"), any = true;
      std::string ids;
      for (const auto* r : f.results) ids += fmt::format("{}`{}`", ids.empty() ? "" : " ", r->check->id);
      fmt::print(out, "| {} | {} (`{}`) | {} |\n", md_escape(col.label()), md_escape(f.cause.title), f.cause.key, ids);
    }

  fmt::print(out, "\n## Results\n\n| check |");
  for (const auto& col : m.columns) fmt::print(out, " {} |", md_escape(col.label()));
  fmt::print(out, "\n|---|");
  for (std::size_t i = 0; i < m.columns.size(); ++i) fmt::print(out, "---|");
  fmt::print(out, "\n");
  for (std::size_t row = 0; row < m.checks.size(); ++row) {
    const Check& c = *m.checks[row];
    if (row == 0 || m.checks[row - 1]->cls != c.cls) {
      fmt::print(out, "| **{}** |", md_escape(class_title(c.cls)));
      for (std::size_t i = 0; i < m.columns.size(); ++i) fmt::print(out, " |");
      fmt::print(out, "\n");
    }
    fmt::print(out, "| `{}` |", c.id);
    for (const auto& col : m.columns) fmt::print(out, " {} |", cell(col, col.results[row]));
    fmt::print(out, "\n");
  }

  fmt::print(out, "\n## Reasons\n");
  for (const auto& col : m.columns) {
    bool heading = false;
    for (const auto& r : col.results) {
      if (r.verdict.status == Status::Pass) continue;
      if (!heading) fmt::print(out, "\n### {} ({})\n", md_escape(col.label()), md_escape(col.how)), heading = true;
      fmt::print(out, "\n<a id=\"{}\"></a>\n#### {} `{}`\n\n{}\n\n", anchor(col, *r.check), status_name(r.verdict.status),
                 r.check->id, r.verdict.reason.empty() ? "(no reason given)" : md_escape(r.verdict.reason));
      fmt::print(out, "Guarantee: {} — \"{}\"\n", md_escape(r.check->source), md_escape(r.check->quote));
      if (r.verdict.reproducer)
        fmt::print(out, "\nReproducer: [{0}]({0}) — from this directory: `{1}`\n", reproducer_path(col, *r.check),
                   replay_command(col, *r.check));
    }
  }
}

}  // namespace sc
