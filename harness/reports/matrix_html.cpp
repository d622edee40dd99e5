// The HTML form of a matrix: one page with nothing outside it (inline CSS,
// no script, no fetched resource), so it can be mailed or archived by CI.
// Each non-PASS cell shows its reason on hover and links to it in full below.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "matrix_report.h"

namespace sc {
namespace {

constexpr std::string_view kStyle = R"(
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
body { margin: 1.5rem; }
h1 { margin: 0 0 .6rem; }
h2 { margin-top: 2rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .88em; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: 600; color: #59636e; }
dl.meta dd { margin: 0; }
.legend span, .counts span { display: inline-block; padding: .1rem .45rem; margin-right: .3rem; border-radius: 3px; font-size: .85em; font-weight: 600; }
table.matrix { border-collapse: separate; border-spacing: 0; }
table.matrix th, table.matrix td { border-bottom: 1px solid #d1d9e0; padding: .25rem .5rem; }
thead th { position: sticky; top: 0; z-index: 2; background: #f6f8fa; vertical-align: bottom; border-bottom: 2px solid #818b98; }
th.col { text-align: center; min-width: 8rem; }
th.col .name { font-size: 1.05em; }
th.col .how, th.col .time { font-weight: normal; color: #59636e; font-size: .8em; }
th.col .counts { font-weight: normal; font-size: .8em; margin: .2rem 0; }
th.col .counts span { display: inline-block; padding: 0 .3rem; margin: 1px; border-radius: 3px; }
th.check { text-align: left; font-weight: normal; position: sticky; left: 0; z-index: 1; background: #fff; }
thead th.check { z-index: 3; background: #f6f8fa; }
tr.class th { text-align: left; background: #eef1f4; padding-top: .6rem; }
tr.class th .cid { font-weight: normal; color: #59636e; font-size: .85em; margin-left: .5rem; }
details summary { cursor: pointer; }
.quote { max-width: 42rem; color: #3d444d; font-size: .88em; margin: .3rem 0 .2rem 1rem; }
.quote cite { font-style: normal; font-weight: 600; }
td.st { text-align: center; font-weight: 600; font-size: .85em; }
td.st a { color: inherit; }
td.st a.rep { font-weight: normal; margin-left: .3rem; }
.pass { background: #dafbe1; color: #116329; }
.fail { background: #ffd7d5; color: #a0111f; }
.broken { background: #f1dcff; color: #6b2c91; }
.unsupported { background: #fff0b8; color: #7a4d00; }
.na { background: #eef0f2; color: #59636e; }
.reason { margin: .8rem 0; padding: .4rem .8rem; border-left: 4px solid #d1d9e0; }
.reason:target { border-left-color: #0969da; background: #f0f6ff; }
.reason .head span { padding: .1rem .4rem; border-radius: 3px; font-weight: 600; font-size: .85em; margin-right: .4rem; }
.reason pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .4rem 0; }
.reason .quote { margin-left: 0; }
)";

std::string_view css_class(Status s) {
  switch (s) {
    case Status::Pass: return "pass";
    case Status::Fail: return "fail";
    case Status::Broken: return "broken";
    case Status::Unsupported: return "unsupported";
    case Status::NotApplicable: return "na";
  }
  return "na";
}

std::string anchor(const MatrixColumn& col, const Check& c) { return col.slug() + "--" + c.id; }

std::string counts(const Summary& s) {
  std::string out;
  auto add = [&](int n, Status st) {
    if (n > 0) out += fmt::format("<span class=\"{}\">{} {}</span>", css_class(st), n, status_name(st));
  };
  add(s.pass, Status::Pass);
  add(s.fail, Status::Fail);
  add(s.broken, Status::Broken);
  add(s.unsupported, Status::Unsupported);
  add(s.not_applicable, Status::NotApplicable);
  return out.empty() ? "no checks" : out;
}

std::string quote(const Check& c) {
  return fmt::format("<div class=\"quote\"><cite>{}</cite>: “{}”</div>", xml_escape(c.source), xml_escape(c.quote));
}

void write_header(std::ostream& out, const Matrix& m) {
  fmt::print(out, "<header>\n<h1>spawncheck matrix</h1>\n<dl class=\"meta\">\n");
  fmt::print(out, "<dt>date</dt><dd>{}</dd>\n<dt>host</dt><dd>{}</dd>\n", xml_escape(m.date), xml_escape(m.host));
  fmt::print(out, "<dt>command</dt><dd><code>{}</code></dd>\n<dt>profile</dt><dd>{}</dd>\n", xml_escape(m.command),
             profile_name(m.profile));
  fmt::print(out, "<dt>total</dt><dd class=\"counts\">{} checks × {} columns: {}</dd>\n</dl>\n", m.checks.size(),
             m.columns.size(), counts(summarise(m)));
  fmt::print(out,
             "<p class=\"legend\"><span class=\"pass\">PASS</span>held <span class=\"fail\">FAIL</span>violated "
             "<span class=\"broken\">BROKEN</span>setup or harness failed <span class=\"unsupported\">UNSUPPORTED"
             "</span>optional interface missing <span class=\"na\">N/A</span>not required by the profile or not "
             "verifiable here. Hover a cell for its reason; click it for the full text.</p>\n</header>\n");
}

void write_table(std::ostream& out, const Matrix& m) {
  fmt::print(out, "<table class=\"matrix\">\n<thead><tr><th class=\"check\">check</th>");
  for (const auto& col : m.columns)
    fmt::print(out,
               "<th class=\"col\"><div class=\"name\">{}</div><div class=\"how\">{}</div>"
               "<div class=\"counts\">{}</div><div class=\"time\">{:.1f} s</div></th>",
               xml_escape(col.label()), xml_escape(col.how), counts(summarise(col.results)), col.seconds);
  fmt::print(out, "</tr></thead>\n<tbody>\n");
  for (std::size_t row = 0; row < m.checks.size(); ++row) {
    const Check& c = *m.checks[row];
    if (row == 0 || m.checks[row - 1]->cls != c.cls)
      fmt::print(out, "<tr class=\"class\"><th colspan=\"{}\">{}<span class=\"cid\">{}</span></th></tr>\n",
                 m.columns.size() + 1, xml_escape(class_title(c.cls)), class_id(c.cls));
    fmt::print(out, "<tr><th class=\"check\"><details><summary><code>{}</code></summary>{}</details></th>",
               xml_escape(c.id), quote(c));
    for (const auto& col : m.columns) {
      const Result& r = col.results[row];
      auto cls = css_class(r.verdict.status);
      auto name = status_name(r.verdict.status);
      if (r.verdict.status == Status::Pass)
        fmt::print(out, "<td class=\"st {}\">{}", cls, name);
      else
        fmt::print(out, "<td class=\"st {}\" title=\"{}\"><a href=\"#{}\">{}</a>", cls, xml_escape(r.verdict.reason),
                   anchor(col, c), name);
      if (r.verdict.reproducer)
        fmt::print(out, "<a class=\"rep\" href=\"{}\">case</a>", xml_escape(reproducer_path(col, c)));
      fmt::print(out, "</td>");
    }
    fmt::print(out, "</tr>\n");
  }
  fmt::print(out, "</tbody>\n</table>\n");
}

void write_reasons(std::ostream& out, const Matrix& m) {
  fmt::print(out, "<section>\n<h2>Reasons</h2>\n");
  bool any = false;
  for (const auto& col : m.columns) {
    bool heading = false;
    for (const auto& r : col.results) {
      if (r.verdict.status == Status::Pass) continue;
      if (!heading)
        fmt::print(out, "<h3>{} <small>({})</small></h3>\n", xml_escape(col.label()), xml_escape(col.how)),
            heading = any = true;
      fmt::print(out, "<div class=\"reason\" id=\"{}\"><div class=\"head\"><span class=\"{}\">{}</span><code>{}</code>"
                      "</div>\n<pre>{}</pre>\n{}",
                 anchor(col, *r.check), css_class(r.verdict.status), status_name(r.verdict.status),
                 xml_escape(r.check->id),
                 r.verdict.reason.empty() ? std::string("(no reason given)") : xml_escape(r.verdict.reason),
                 quote(*r.check));
      if (r.verdict.reproducer)
        fmt::print(out, "<p>Reproducer: <a href=\"{0}\">{0}</a> — from this directory: <code>{1}</code></p>\n",
                   xml_escape(reproducer_path(col, *r.check)), xml_escape(replay_command(col, *r.check)));
      fmt::print(out, "</div>\n");
    }
  }
  if (!any) fmt::print(out, "<p>Every cell passed.</p>\n");
  fmt::print(out, "</section>\n");
}

}  // namespace

void write_matrix_html(std::ostream& out, const Matrix& m) {
  fmt::print(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>spawncheck matrix — {}</title>\n<style>{}</style>\n</head>\n<body>\n",
             xml_escape(m.date), kStyle);
  write_header(out, m);
  write_table(out, m);
  write_reasons(out, m);
  fmt::print(out, "</body>\n</html>\n");
}

}  // namespace sc
