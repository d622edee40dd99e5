#include <fstream>

#include <fmt/format.h>

#include "backends.h"
#include "catalogue.h"
#include "commands.h"
#include "options.h"
#include "progress.h"
#include "reports.h"

namespace sc {
namespace {

// Reproducers too large to paste go beside the report; on stdout, into the
// working directory.
std::string reproducer_dir(const CheckOptions& o) {
  return o.output.empty() ? "spawncheck-reproducers" : o.output + ".reproducers";
}

}  // namespace

int cmd_check(const CheckOptions& o) {
  for (const auto& e : {backend_error(o.backend), target_error(o.target, o.backend, o.probe_mode)})
    if (!e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
  auto target = resolve_target(o.target, o.backend, o.probe_mode).target;
  auto selected = select_checks(o.filter);
  if (selected.empty()) {
    fmt::print(stderr, "spawncheck: no check matches --filter '{}' (see spawncheck list)\n", o.filter);
    return 2;
  }
  Baseline baseline;
  if (!o.baseline.empty())
    if (auto e = read_baseline(o.baseline, baseline); !e.empty()) {
      fmt::print(stderr, "spawncheck: --baseline {}\n", e);
      return 2;
    }
  std::ofstream file;
  std::ostream* opened = open_output(o.output, file);
  if (!opened) return 2;
  std::ostream& out = *opened;

  CatalogueRun run;
  {
    Progress progress(selected.size());
    run = run_catalogue(selected, o.backend, *target, o.judging, o.timeout_ms,
                        [&](const Check& c) { progress.step(c.id); });
  }
  if (!run.error.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", run.error);
    return 2;
  }
  RunReport report = run_report(run.results, o.judging.profile, std::move(baseline));
  if (auto e = write_reproducers(report, reproducer_dir(o)); !e.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", e);
    return 2;
  }
  if (o.format == "json") write_json(out, report);
  else if (o.format == "junit") write_junit(out, report);
  else write_text(out, report);
  out.flush();
  if (!o.write_baseline.empty())
    if (auto e = write_baseline(o.write_baseline, report); !e.empty()) {
      fmt::print(stderr, "spawncheck: --write-baseline {}\n", e);
      return 2;
    }
  auto s = summarise(run.results);
  if (s.pass == 0 && s.fail == 0)
    fmt::print(stderr, "spawncheck: no applicable check ran under profile {}\n", profile_name(o.judging.profile));
  return exit_status(s, summarise(report.findings, report.baseline));
}

}  // namespace sc
