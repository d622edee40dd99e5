#include "options.h"

#include <cerrno>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends.h"
#include "surface.h"

namespace sc {
namespace {

constexpr std::pair<std::string_view, ProbeMode> kProbeModes[] = {
    {"auto", ProbeMode::Auto}, {"binfmt", ProbeMode::Binfmt}, {"host", ProbeMode::Host}};

}  // namespace

void add_backend_option(CLI::App* cmd, std::string& backend, std::string& impl) {
  auto* b = cmd->add_option("--backend", backend, backend_choices())->capture_default_str();
  cmd->add_option("--impl", impl, "Shared library providing the POSIX spawn API (dlopen)")->excludes(b);
}

void add_backend_list_option(CLI::App* cmd, std::vector<std::string>& backends, std::vector<std::string>& impls) {
  // One value per occurrence, so positional arguments after them stay positional.
  cmd->add_option("--backend", backends, fmt::format("Backend ({}; repeatable; default libc)", backend_choices()))
      ->allow_extra_args(false);
  cmd->add_option("--impl", impls, "Shared library providing the POSIX spawn API (repeatable)")
      ->allow_extra_args(false);
}

void add_probe_mode_option(CLI::App* cmd, ProbeMode& mode) {
  cmd->add_option_function<std::string>(
         "--probe-mode",
         [&mode](const std::string& v) {
           for (const auto& [name, m] : kProbeModes)
             if (name == v) mode = m;
         },
         "How an emulated child execs the probe: binfmt (the target's probe through a private binfmt_misc), host "
         "(the host's static probe), auto (binfmt where possible)")
      ->check(CLI::IsMember({"auto", "binfmt", "host"}))
      ->option_text("auto | binfmt | host")
      ->default_str("auto");
}

void add_target_options(CLI::App* cmd, std::string& target, ProbeMode& mode) {
  cmd->add_option("--target,--arch", target,
                  fmt::format("Whose agent runs the calls: host, musl, or an architecture under qemu-user ({} in "
                              "this build)",
                              fmt::join(target_names(), ", ")))
      ->capture_default_str();
  add_probe_mode_option(cmd, mode);
}

void add_judging_options(CLI::App* cmd, Judging& judging) {
  cmd->add_option_function<std::string>(
         "--profile", [&judging](const std::string& v) { judging.profile = *profile_named(v); },
         "What is required: posix (what POSIX requires) or linux (adds the Linux vfork guarantees and returned "
         "errors)")
      ->check(CLI::IsMember({"posix", "linux"}))
      ->option_text("posix | linux")
      ->default_str(std::string(profile_name(judging.profile)));
  std::vector<std::string> names;
  for (auto e : {Expectation::Posix, Expectation::Glibc, Expectation::Musl, Expectation::Bionic, Expectation::FreeBSD,
                 Expectation::Refcore})
    names.emplace_back(expect_name(e));
  cmd->add_option_function<std::string>(
         "--expect", [&judging](const std::string& v) { judging.expect = *expect_named(v); },
         "Whose documented choices to hold the implementation to where POSIX leaves one (default: posix for --impl, "
         "the agent's libc for libc, refcore for refcore's backends; spawncheck list --choices)")
      ->check(CLI::IsMember(names))
      ->option_text(expect_choices());
}

void add_filter_option(CLI::App* cmd, std::string& filter) {
  cmd->add_option("--filter", filter, "Glob over check ids (spawncheck list)")->capture_default_str();
}

void add_timeout_option(CLI::App* cmd, unsigned& timeout_ms) {
  cmd->add_option("--timeout-ms", timeout_ms, "Bound on each request (default 5000, 60000 under emulation)");
}

std::ostream* open_output(const std::string& output, std::ofstream& file) {
  if (output.empty()) return &std::cout;
  errno = 0;
  file.open(output);
  if (file) return &file;
  fmt::print(stderr, "spawncheck: --output: open({}): {}\n", output, errno ? errno_name(errno) : "failed");
  return nullptr;
}

}  // namespace sc
