// spawncheck — conformance and fuzzing harness for process spawning.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"

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
  check->add_option("--target", co.target, "host | musl | aarch64 (under qemu-aarch64): whose agent runs the calls")
      ->capture_default_str();
  check->add_option("--profile", profile, "posix | linux")->check(CLI::IsMember({"posix", "linux"}))
      ->capture_default_str();
  check->add_option("--filter", co.filter, "Glob over check ids")->capture_default_str();
  check->add_option("--format", co.format, "text | json | junit")->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  check->add_option("--output", co.output, "Write the report to FILE instead of stdout");
  check->add_option("--timeout-ms", co.timeout_ms, "Bound on each request")->capture_default_str();

  sc::ReplayOptions ro;
  std::vector<std::string> replay_impls;
  auto* replay = app.add_subcommand("replay", "Run case files; compare with the model and between backends");
  replay->add_option("cases", ro.cases, "Case files")->required();
  // One value per occurrence, so the case files after them stay positional.
  replay->add_option("--backend", ro.backends, "Backend(s) to run on (repeatable; default libc)")
      ->allow_extra_args(false);
  replay->add_option("--impl", replay_impls, "Shared library(ies) providing the POSIX spawn API")
      ->allow_extra_args(false);
  replay->add_option("--target", ro.target, "host | musl | aarch64")->capture_default_str();
  replay->add_option("--timeout-ms", ro.timeout_ms, "Bound on each request")->capture_default_str();

  sc::FuzzOptions fo;
  std::string fuzz_impl;
  auto* fuzz = app.add_subcommand("fuzz", "Generate cases, compare a backend with the model, minimise a divergence");
  auto* fuzz_backend = fuzz->add_option("--backend", fo.backend, "libc | refcore | vfork-exec | clone-vfork | fork-exec")
                           ->capture_default_str();
  fuzz->add_option("--impl", fuzz_impl, "Shared library providing the POSIX spawn API (dlopen)")->excludes(fuzz_backend);
  fuzz->add_option("--target", fo.target, "host | musl | aarch64")->capture_default_str();
  fuzz->add_option("--max-time", fo.max_time_s, "Stop after S seconds (60 when neither this nor --runs is given)");
  fuzz->add_option("--runs", fo.runs, "Stop after N generated cases");
  fuzz->add_option("--seed", fo.seed, "Campaign seed: the same seed generates the same cases")->capture_default_str();
  fuzz->add_option("--out", fo.out, "Directory for divergence-<seed>-<n>.case reproducers")->capture_default_str();
  fuzz->add_option("--jobs", fo.jobs, "Parallel campaigns, each with its own agent and a seed derived from --seed")
      ->check(CLI::Range(1u, 256u))->capture_default_str();
  fuzz->add_option("--timeout-ms", fo.timeout_ms, "Bound on each request")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "spawncheck: {}\n", e.what());
    return 2;
  }

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
  for (const auto& i : replay_impls) ro.backends.push_back("impl:" + i);
  if (ro.backends.empty()) ro.backends.push_back("libc");
  return sc::cmd_replay(ro);
}
