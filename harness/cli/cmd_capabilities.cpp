#include <fstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends.h"
#include "capabilities_report.h"
#include "commands.h"
#include "options.h"
#include "spawncheck_version.h"

namespace sc {

CLI::App* add_capabilities_command(CLI::App& app, CapabilitiesOptions& o) {
  auto* cmd = app.add_subcommand("capabilities", "Answer, by observation, what language runtimes hard-code about a "
                                                 "spawn implementation (docs/capabilities.md)");
  add_backend_option(cmd, o.backend, o.impl);
  cmd->add_option("--target,--arch", o.target,
                  fmt::format("Whose agent runs the calls ({} in this build)", fmt::join(target_names(), ", ")))
      ->capture_default_str();
  cmd->add_option("--format", o.format, "json (docs/capabilities.schema.json) | text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  cmd->add_option("--output", o.output, "Write the answers to FILE instead of stdout");
  add_timeout_option(cmd, o.timeout_ms);
  return cmd;
}

int cmd_capabilities(CapabilitiesOptions o) {
  if (!o.impl.empty()) o.backend = impl_backend(o.impl);
  for (const auto& e : {backend_error(o.backend), target_error(o.target, o.backend)})
    if (!e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
  Capabilities caps = answer_capabilities(o.backend, o.target, o.timeout_ms);
  if (!caps.error.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", caps.error);
    return 2;
  }
  std::ofstream file;
  std::ostream* opened = open_output(o.output, file);
  if (!opened) return 2;
  std::ostream& out = *opened;
  if (o.format == "json") write_capabilities_json(out, caps, SPAWNCHECK_VERSION);
  else write_capabilities_text(out, caps);
  out.flush();
  return out ? 0 : 2;
}

}  // namespace sc
