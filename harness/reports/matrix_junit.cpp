// The JUnit form of a matrix: one <testsuite> per column, so a CI dashboard
// shows each target and backend as its own suite; testcase classnames carry
// the column too, for tools that group by classname alone. Reproducers are
// named, not inlined: they are files beside the report, and some are megabytes.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "matrix_report.h"

namespace sc {

void write_matrix_junit(std::ostream& out, const Matrix& m) {
  auto s = summarise(m);
  double total = 0;
  std::size_t tests = 0;
  for (const auto& col : m.columns) total += col.seconds, tests += col.results.size();
  fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fmt::print(out, "<testsuites name=\"spawncheck-matrix-{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
                  "skipped=\"{}\" time=\"{:.3f}\">\n",
             profile_name(m.profile), tests, s.fail, s.broken, s.unsupported + s.not_applicable, total);
  for (const auto& col : m.columns) {
    write_junit_suite(out, col.label(), col.results, col.slug(), [&](const Result& r) {
      return fmt::format("reproducer: {} (replay: {})", reproducer_path(col, *r.check), replay_command(col, *r.check));
    }, &col.findings);
    fmt::print(out, "\n");
  }
  fmt::print(out, "</testsuites>\n");
}

}  // namespace sc
