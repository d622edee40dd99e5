// commands.h — the subcommands of `spawncheck`; main.cpp only parses.
#pragma once

#include <string>
#include <vector>

#include "check.h"

namespace sc {

struct CheckOptions {
  std::string backend = "libc";  // or "impl:<path>"
  std::string target = "host";   // target_names()
  Profile profile = Profile::Linux;
  std::string filter = "*";
  std::string format = "text";   // text | json | junit
  std::string output;            // "" = stdout
  unsigned timeout_ms = 5000;
};

struct ReplayOptions {
  std::vector<std::string> backends;  // at least one
  std::vector<std::string> cases;
  std::string target = "host";
  unsigned timeout_ms = 5000;
};

// Each returns the process exit status (0, 1 or 2 as DESIGN.md defines).
int cmd_list(bool surface);
int cmd_check(const CheckOptions& o);
int cmd_replay(const ReplayOptions& o);

// "" when name is a backend the agent knows, else a one-line reason.
std::string backend_error(const std::string& name);
// The backend names, for help text.
const std::vector<std::string>& backend_names();

}  // namespace sc
