// spawncheck — conformance and fuzzing harness for process spawning.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "commands.h"
#include "interrupt.h"

namespace {

void add_probe_mode_option(CLI::App* cmd, sc::ProbeMode& mode) {
  const std::map<std::string, sc::ProbeMode> modes = {
      {"auto", sc::ProbeMode::Auto}, {"binfmt", sc::ProbeMode::Binfmt}, {"host", sc::ProbeMode::Host}};
  cmd->add_option("--probe-mode", mode,
                  "How an emulated child execs the probe: binfmt (the target's probe through a private "
                  "binfmt_misc), host (the host's static probe), auto (binfmt where possible)")
      ->transform(CLI::CheckedTransformer(modes))
      ->default_str("auto");
}

// --target (alias --arch) and --probe-mode, the same on every command that
// runs one agent.
void add_target_options(CLI::App* cmd, std::string& target, sc::ProbeMode& mode) {
  cmd->add_option("--target,--arch", target,
                  "Whose agent runs the calls: host, musl, or an architecture under qemu-user ("
                  + fmt::format("{}", fmt::join(sc::target_names(), ", ")) + " in this build)")
      ->capture_default_str();
  add_probe_mode_option(cmd, mode);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spawncheck: does this spawn implementation keep every documented guarantee?"};
  app.require_subcommand(1);

  bool surface = false;
  auto* list = app.add_subcommand("list", "List every check with its class, profile and the sentence it enforces");
  list->add_flag("--surface", surface, "List the spawn surface a case can use instead");

  sc::CheckOptions co;
  std::string impl, profile = "linux";
  auto* check = app.add_subcommand("check", "Run the checks against a backend");
  auto* backend_opt = check->add_option("--backend", co.backend,
                                        "libc | refcore | vfork-exec | clone-vfork | fork-exec")
                          ->capture_default_str();
  check->add_option("--impl", impl, "Shared library providing the POSIX spawn API (dlopen)")->excludes(backend_opt);
  add_target_options(check, co.target, co.probe_mode);
  check->add_option("--profile", profile, "posix | linux")->check(CLI::IsMember({"posix", "linux"}))
      ->capture_default_str();
  check->add_option("--filter", co.filter, "Glob over check ids")->capture_default_str();
  check->add_option("--format", co.format, "text | json | junit")->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  check->add_option("--output", co.output, "Write the report to FILE instead of stdout");
  check->add_option("--timeout-ms", co.timeout_ms, "Bound on each request (default 5000, 60000 under emulation)");

  sc::ReplayOptions ro;
  std::vector<std::string> replay_impls;
  auto* replay = app.add_subcommand("replay", "Run case files; compare with the model and between backends");
  replay->add_option("cases", ro.cases, "Case files")->required();
  // One value per occurrence, so the case files after them stay positional.
  replay->add_option("--backend", ro.backends, "Backend(s) to run on (repeatable; default libc)")
      ->allow_extra_args(false);
  replay->add_option("--impl", replay_impls, "Shared library(ies) providing the POSIX spawn API")
      ->allow_extra_args(false);
  add_target_options(replay, ro.target, ro.probe_mode);
  replay->add_option("--timeout-ms", ro.timeout_ms, "Bound on each request (default 5000, 60000 under emulation)");

  sc::FuzzOptions fo;
  std::string fuzz_impl;
  auto* fuzz = app.add_subcommand("fuzz", "Generate cases, compare a backend with the model, minimise a divergence");
  auto* fuzz_backend = fuzz->add_option("--backend", fo.backend, "libc | refcore | vfork-exec | clone-vfork | fork-exec")
                           ->capture_default_str();
  fuzz->add_option("--impl", fuzz_impl, "Shared library providing the POSIX spawn API (dlopen)")->excludes(fuzz_backend);
  add_target_options(fuzz, fo.target, fo.probe_mode);
  fuzz->add_option("--max-time", fo.max_time_s, "Stop after S seconds (60 when neither this nor --runs is given)");
  fuzz->add_option("--runs", fo.runs, "Stop after N generated cases");
  fuzz->add_option("--seed", fo.seed, "Campaign seed: the same seed generates the same cases")->capture_default_str();
  fuzz->add_option("--corpus", fo.corpus,
                   "Directory of .case files: run first, then mutated alongside generated cases")
      ->check(CLI::ExistingDirectory);
  fuzz->add_option("--out", fo.out, "Directory for divergence-<seed>-<n>.case reproducers")->capture_default_str();
  fuzz->add_option("--jobs", fo.jobs, "Parallel campaigns, each with its own agent and a seed derived from --seed")
      ->check(CLI::Range(1u, 256u))->capture_default_str();
  fuzz->add_option("--timeout-ms", fo.timeout_ms, "Bound on each request (default 5000, 60000 under emulation)");

  sc::MatrixOptions mo;
  std::string matrix_profile = "linux";
  std::vector<std::string> matrix_impls;
  auto* matrix = app.add_subcommand("matrix", "Run every check on each target × backend; write Markdown, HTML and "
                                              "JUnit reports");
  matrix->add_option("--targets", mo.targets, "Comma-separated targets (default: every one this build has: " +
                                                  fmt::format("{}", fmt::join(sc::target_names(), ",")) + ")")
      ->delimiter(',');
  matrix->add_option("--backend", mo.backends, "Backend of a column (repeatable; default libc)")
      ->allow_extra_args(false);
  matrix->add_option("--impl", matrix_impls, "Shared library providing the POSIX spawn API (repeatable)")
      ->allow_extra_args(false);
  matrix->add_option("--profile", matrix_profile, "posix | linux")->check(CLI::IsMember({"posix", "linux"}))
      ->capture_default_str();
  add_probe_mode_option(matrix, mo.probe_mode);
  matrix->add_option("--filter", mo.filter, "Glob over check ids")->capture_default_str();
  matrix->add_option("--out", mo.out, "Directory for matrix.md, matrix.html, matrix.xml and reproducers/")
      ->capture_default_str();
  matrix->add_option("--jobs", mo.jobs, "Columns run at once (default: one per core)")->check(CLI::Range(1u, 256u));
  matrix->add_option("--timeout-ms", mo.timeout_ms, "Bound on each request (default 5000, 60000 under emulation)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "spawncheck: {}\n", e.what());
    return 2;
  }

  sc::catch_interrupts();
  int rc = [&] {
    if (*list) return sc::cmd_list(surface);
    if (*check) {
      if (!impl.empty()) co.backend = "impl:" + impl;
      co.profile = profile == "posix" ? sc::Profile::Posix : sc::Profile::Linux;
      return sc::cmd_check(co);
    }
    if (*fuzz) {
      if (!fuzz_impl.empty()) fo.backend = "impl:" + fuzz_impl;
      return sc::cmd_fuzz(fo);
    }
    if (*matrix) {
      for (const auto& i : matrix_impls) mo.backends.push_back("impl:" + i);
      mo.profile = matrix_profile == "posix" ? sc::Profile::Posix : sc::Profile::Linux;
      mo.args.assign(argv + 1, argv + argc);
      return sc::cmd_matrix(mo);
    }
    for (const auto& i : replay_impls) ro.backends.push_back("impl:" + i);
    if (ro.backends.empty()) ro.backends.push_back("libc");
    return sc::cmd_replay(ro);
  }();
  sc::end_if_interrupted();
  return rc;
}
