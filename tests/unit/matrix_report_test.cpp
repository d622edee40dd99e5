// The matrix writers on a made-up matrix: reasons carrying markup are shown
// as text, JUnit has one suite per column, reproducers are linked where the
// command writes them.
#include "matrix_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "case_format.h"

namespace sc {
namespace {

const std::string kReason = R"(expected <fd 3> & "O_RDONLY" | got nothing)";

Case reproducer() {
  auto parsed = parse_case(
      "spawncheck-case 1\nname r\ncall posix_spawn \"bin/probe\"\nargv \"probe\"\nenvp\nexpect error 0\n", "r.case");
  EXPECT_TRUE(parsed) << parsed.error;
  return parsed ? *parsed.value : Case{};
}

struct Fixture {
  Check kept{"fd_table.kept", Class::fd_table, Profile::Posix, "fork(2)", "The child inherits copies", {}, {}};
  Check broken{"exec_failure.enoent", Class::exec_failure, Profile::Linux, "posix_spawn(3)", "returns <errno>", {}, {}};
  Matrix m;

  Fixture() {
    m.date = "2025-01-02 03:04:05 UTC";
    m.host = "box (Linux x86_64)";
    m.command = "spawncheck matrix --filter 'a|b'";
    m.checks = {&kept, &broken};
    MatrixColumn host{"host", "libc", "native", {}, {}, 1.5};
    host.results = {{&kept, "libc", Verdict::pass(), 0.1}, {&broken, "libc", Verdict::fail(kReason, reproducer()), 0.2}};
    MatrixColumn arm{"aarch64", "impl:/x/libbad.so", "qemu-aarch64", {}, {}, 9};
    arm.results = {{&kept, "impl:/x/libbad.so", Verdict::broken("setup: no agent"), 0},
                   {&broken, "impl:/x/libbad.so", Verdict::not_applicable("emulated: <vfork> is fork"), 0}};
    m.columns = {host, arm};
    for (auto& col : m.columns) col.findings = findings(col.results);
  }
};

template <void (*W)(std::ostream&, const Matrix&)>
std::string written(const Matrix& m) {
  std::ostringstream out;
  W(out, m);
  return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(MatrixReport, ColumnNamesAreSafeForFilesAndAnchors) {
  Fixture f;
  EXPECT_EQ(f.m.columns[0].slug(), "host-libc");
  EXPECT_EQ(f.m.columns[1].slug(), "aarch64-impl-libbad.so");
  EXPECT_EQ(f.m.columns[1].label(), "aarch64 / impl:/x/libbad.so");
  EXPECT_EQ(reproducer_path(f.m.columns[0], f.broken), "reproducers/host-libc/exec_failure.enoent.case");
  EXPECT_EQ(replay_command(f.m.columns[1], f.broken),
            "spawncheck replay --target aarch64 --impl /x/libbad.so reproducers/aarch64-impl-libbad.so/"
            "exec_failure.enoent.case");
}

TEST(MatrixReport, HtmlEscapesReasonsAndLinksReproducers) {
  Fixture f;
  auto html = written<write_matrix_html>(f.m);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_FALSE(has(html, kReason)) << "a reason went out unescaped";
  EXPECT_TRUE(has(html, "expected &lt;fd 3&gt; &amp; &quot;O_RDONLY&quot; | got nothing"));
  EXPECT_TRUE(has(html, "emulated: &lt;vfork&gt; is fork"));
  EXPECT_TRUE(has(html, "returns &lt;errno&gt;"));
  EXPECT_TRUE(has(html, "title=\"expected &lt;fd 3&gt;"));
  EXPECT_TRUE(has(html, "href=\"reproducers/host-libc/exec_failure.enoent.case\""));
  EXPECT_TRUE(has(html, "href=\"#host-libc--exec_failure.enoent\""));
  EXPECT_TRUE(has(html, "id=\"host-libc--exec_failure.enoent\""));
  // Self-contained: nothing fetched from anywhere.
  EXPECT_FALSE(has(html, "http:"));
  EXPECT_FALSE(has(html, "https:"));
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "<link"));
  // Per-column counts and wall time in the headers; classes as row groups.
  EXPECT_TRUE(has(html, "<span class=\"fail\">1 FAIL</span>"));
  EXPECT_TRUE(has(html, "9.0 s"));
  EXPECT_TRUE(has(html, "fd table duplication"));
  EXPECT_TRUE(has(html, "exec-failure reporting"));
}

TEST(MatrixReport, MarkdownEscapesPipesAndLinksReproducers) {
  Fixture f;
  auto md = written<write_matrix_markdown>(f.m);
  EXPECT_TRUE(has(md, R"(expected \<fd 3\> \& "O_RDONLY" \| got nothing)")) << md;
  EXPECT_TRUE(has(md, R"(--filter 'a\|b')")) << md;
  EXPECT_TRUE(has(md, "| `exec_failure.enoent` | [FAIL](#host-libc--exec_failure.enoent) "
                      "([case](reproducers/host-libc/exec_failure.enoent.case)) | "
                      "[N/A](#aarch64-impl-libbad.so--exec_failure.enoent) |"))
      << md;
  EXPECT_TRUE(has(md, "<a id=\"host-libc--exec_failure.enoent\"></a>"));
  EXPECT_TRUE(has(md, "| host / libc | native | 1 | 1 | 0 | 0 | 0 | 1 | 1.5 |")) << md;
  EXPECT_TRUE(has(md, "## Findings\n\n| column | cause | checks |\n|---|---|---|\n"
                      "| host / libc | exec_failure.enoent (`exec_failure.enoent`) | `exec_failure.enoent` |\n"))
      << md;
  // Every table row has as many cells as the header.
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    std::size_t bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    EXPECT_EQ(bars, f.m.columns.size() + 2) << line;
  }
}

TEST(MatrixReport, JunitHasASuitePerColumnAndACasePerCheck) {
  Fixture f;
  auto xml = written<write_matrix_junit>(f.m);
  EXPECT_TRUE(has(xml, "<testsuites name=\"spawncheck-matrix-linux\" tests=\"4\" failures=\"1\" errors=\"1\" "
                       "skipped=\"1\""))
      << xml;
  EXPECT_TRUE(has(xml, "<testsuite name=\"host / libc\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""));
  EXPECT_TRUE(has(xml, "<testsuite name=\"aarch64 / impl:/x/libbad.so\" tests=\"2\" failures=\"0\" errors=\"1\" "
                       "skipped=\"1\""));
  EXPECT_TRUE(has(xml, "<testcase classname=\"host-libc.exec_failure\" name=\"exec_failure.enoent\""));
  EXPECT_TRUE(has(xml, "<failure message=\"expected &lt;fd 3&gt; &amp; &quot;O_RDONLY&quot; | got nothing\">"));
  EXPECT_TRUE(has(xml, "reproducer: reproducers/host-libc/exec_failure.enoent.case")) << xml;
  EXPECT_FALSE(has(xml, "spawncheck-case 1")) << "reproducers are files beside the report, not inlined";
  EXPECT_TRUE(has(xml, "<error message=\"setup: no agent\"/>"));
  EXPECT_TRUE(has(xml, "<skipped message=\"N/A: emulated: &lt;vfork&gt; is fork\"/>"));
  std::size_t suites = 0, cases = 0;
  for (std::size_t at = 0; (at = xml.find("<testsuite ", at)) != std::string::npos; ++at) ++suites;
  for (std::size_t at = 0; (at = xml.find("<testcase ", at)) != std::string::npos; ++at) ++cases;
  EXPECT_EQ(suites, 2u);
  EXPECT_EQ(cases, 4u);
}

TEST(MatrixReport, ControlBytesInReasonsAreSpelledOut) {
  Fixture f;
  f.m.columns[0].results[1].verdict.reason = "argv \x01x\nnext";
  auto md = written<write_matrix_markdown>(f.m);
  auto html = written<write_matrix_html>(f.m);
  EXPECT_TRUE(has(md, "argv \\x01x<br>next")) << md;
  EXPECT_TRUE(has(html, "argv \\x01x\nnext"));
  EXPECT_FALSE(has(html, "\x01"));
}

}  // namespace
}  // namespace sc
