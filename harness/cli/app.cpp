#include "app.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends.h"
#include "commands.h"
#include "interrupt.h"
#include "man.h"
#include "model_env.h"
#include "options.h"

namespace sc {

int run_command_line(int argc, char** argv) {
  CLI::App app{"spawncheck: does this spawn implementation keep every documented guarantee?"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text, "Print the version, git revision, protocol and case format "
                                                   "versions and targets of this build");

  bool surface = false;
  auto* list = app.add_subcommand("list", "List every check with its class, profile and the sentence it enforces");
  bool choices = false;
  list->add_flag("--surface", surface, "List the spawn surface a case can use instead");
  list->add_flag("--choices", choices,
                 "List the points where POSIX leaves a choice, who takes which option and why it is allowed")
      ->excludes("--surface");

  CheckOptions co;
  std::string impl;
  auto* check = app.add_subcommand("check", "Run the checks against a backend");
  add_backend_option(check, co.backend, impl);
  add_target_options(check, co.target, co.probe_mode);
  add_judging_options(check, co.judging);
  add_filter_option(check, co.filter);
  check->add_option("--format", co.format, "text | json | junit")->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  check->add_option("--output", co.output, "Write the report to FILE instead of stdout (reproducers over 4 KiB go "
                                          "to FILE.reproducers/)");
  check->add_option("--baseline", co.baseline, "Findings accepted on purpose (a --write-baseline file): reported, "
                                              "but they do not fail the run")
      ->check(CLI::ExistingFile);
  check->add_option("--write-baseline", co.write_baseline, "Write this run's findings to FILE as a baseline");
  add_timeout_option(check, co.timeout_ms);

  ReplayOptions ro;
  std::vector<std::string> replay_impls;
  auto* replay = app.add_subcommand("replay", "Run case files; compare with the model and between backends");
  replay->add_option("cases", ro.cases, "Case files")->required();
  add_backend_list_option(replay, ro.backends, replay_impls);
  add_target_options(replay, ro.target, ro.probe_mode);
  add_judging_options(replay, ro.judging);
  add_timeout_option(replay, ro.timeout_ms);

  FuzzOptions fo;
  std::string fuzz_impl;
  auto* fuzz = app.add_subcommand("fuzz", "Generate cases, compare a backend with the model, minimise a divergence");
  add_backend_option(fuzz, fo.backend, fuzz_impl);
  add_target_options(fuzz, fo.target, fo.probe_mode);
  add_judging_options(fuzz, fo.judging);
  fuzz->add_option("--max-time", fo.max_time_s, "Stop after S seconds (60 when neither this nor --runs is given)");
  fuzz->add_option("--runs", fo.runs, "Stop after N generated cases");
  fuzz->add_option("--seed", fo.seed, "Campaign seed: the same seed generates the same cases")->capture_default_str();
  fuzz->add_option("--corpus", fo.corpus, "Directory of .case files: run first, then mutated alongside generated cases")
      ->check(CLI::ExistingDirectory);
  fuzz->add_option("--out", fo.out, "Directory for divergence-<seed>-<n>.case reproducers (and "
                                    "unreproduced-<seed>-<n>.case, for triage)")
      ->capture_default_str();
  fuzz->add_option("--baseline", fo.baseline, "A check --write-baseline file: divergences of its causes are counted, "
                                             "not reported")
      ->check(CLI::ExistingFile);
  fuzz->add_flag("--stop-on-first", fo.stop_on_first, "End at the first finding instead of going on to find others");
  fuzz->add_option("--jobs", fo.jobs, "Parallel campaigns, each with its own agent and a seed derived from --seed")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  add_timeout_option(fuzz, fo.timeout_ms);

  MatrixOptions mo;
  std::vector<std::string> matrix_impls;
  auto* matrix = app.add_subcommand("matrix", "Run every check on each target × backend; write Markdown, HTML and "
                                              "JUnit reports");
  matrix->add_option("--targets", mo.targets, "Comma-separated targets (default: every one this build has: " +
                                                  fmt::format("{}", fmt::join(target_names(), ",")) + ")")
      ->delimiter(',');
  add_backend_list_option(matrix, mo.backends, matrix_impls);
  add_judging_options(matrix, mo.judging);
  add_probe_mode_option(matrix, mo.probe_mode);
  add_filter_option(matrix, mo.filter);
  matrix->add_option("--out", mo.out, "Directory for matrix.md, matrix.html, matrix.xml and reproducers/")
      ->capture_default_str();
  matrix->add_option("--jobs", mo.jobs, "Columns run at once (default: one per core)")->check(CLI::Range(1u, 256u));
  add_timeout_option(matrix, mo.timeout_ms);

  FmtOptions fmo;
  auto* fmt_cmd = app.add_subcommand("fmt", "Rewrite case files in their canonical text (docs/case-format.md)");
  fmt_cmd->add_option("files", fmo.files, "Case files, and directories searched for *.case")->required();
  fmt_cmd->add_flag("--check", fmo.check, "Change nothing: list the files that are not canonical and exit 1 if any");

  ExplainOptions eo;
  auto* explain = app.add_subcommand("explain", "Print the model's prediction for a case and its reasoning; runs "
                                                "nothing");
  explain->add_option("case", eo.file, "Case file")->required();
  add_judging_options(explain, eo.judging);

  CapabilitiesOptions cap;
  auto* capabilities = add_capabilities_command(app, cap);

  add_man_option(app);  // last: it writes the pages of everything above
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version, --man
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "spawncheck: {}\n", e.what());
    return 2;
  }

  catch_interrupts();
  int rc = [&] {
    if (*list) return cmd_list(surface, choices);
    if (*fmt_cmd) return cmd_fmt(fmo);
    if (*explain) return cmd_explain(eo);
    if (*check) {
      if (!impl.empty()) co.backend = impl_backend(impl);
      return cmd_check(co);
    }
    if (*fuzz) {
      if (!fuzz_impl.empty()) fo.backend = impl_backend(fuzz_impl);
      return cmd_fuzz(fo);
    }
    if (*capabilities) return cmd_capabilities(cap);
    if (*matrix) {
      for (const auto& i : matrix_impls) mo.backends.push_back(impl_backend(i));
      mo.args.assign(argv + 1, argv + argc);
      return cmd_matrix(mo);
    }
    for (const auto& i : replay_impls) ro.backends.push_back(impl_backend(i));
    if (ro.backends.empty()) ro.backends.push_back("libc");
    return cmd_replay(ro);
  }();
  end_if_interrupted();
  return rc;
}

}  // namespace sc
