// commands.h — the subcommands of `spawncheck`; main.cpp only parses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "session.h"
#include "targets.h"

namespace CLI {
class App;
}

namespace sc {

struct CheckOptions {
  std::string backend = "libc";  // or "impl:<path>"
  std::string target = "host";   // target_names()
  ProbeMode probe_mode = ProbeMode::Auto;
  Judging judging;
  std::string filter = "*";
  std::string format = "text";   // text | json | junit
  std::string output;            // "" = stdout
  std::string baseline;          // findings accepted on purpose ("" = none)
  std::string write_baseline;    // where to write this run's findings as a baseline
  unsigned timeout_ms = 0;      // 0: the target's default (Target::timeout_ms)
};

struct ReplayOptions {
  std::vector<std::string> backends;  // at least one
  std::vector<std::string> cases;
  std::string target = "host";
  ProbeMode probe_mode = ProbeMode::Auto;
  Judging judging;
  unsigned timeout_ms = 0;      // 0: the target's default (Target::timeout_ms)
};

struct FuzzOptions {
  std::string backend = "libc";  // or "impl:<path>"
  std::string target = "host";
  ProbeMode probe_mode = ProbeMode::Auto;
  Judging judging;
  double max_time_s = 0;         // 0 = no time bound
  std::uint64_t runs = 0;        // 0 = no run bound (60 s when neither is set)
  std::uint64_t seed = 1;
  std::string out = ".";         // where divergence-*.case files go
  std::string corpus;            // directory of *.case seeds ("" = none)
  std::string baseline;          // findings accepted on purpose: their causes are not reported
  bool stop_on_first = false;    // end the campaign at its first finding
  unsigned jobs = 1;             // threads, each with its own session and seed
  unsigned timeout_ms = 0;      // 0: the target's default (Target::timeout_ms)
};

struct MatrixOptions {
  std::vector<std::string> targets;   // empty = every target this build has
  std::vector<std::string> backends;  // empty = libc; each target × backend is a column
  ProbeMode probe_mode = ProbeMode::Auto;
  Judging judging;
  std::string filter = "*";
  std::string out = "matrix";         // matrix.md, matrix.html, matrix.xml, reproducers/
  unsigned jobs = 0;                  // columns run at once; 0 = one per core
  unsigned timeout_ms = 0;      // 0: the target's default (Target::timeout_ms)
  std::vector<std::string> args;      // the command line after "spawncheck", for the report's header
};

struct CapabilitiesOptions {
  std::string backend = "libc";
  std::string impl;              // --impl PATH.so
  std::string target = "host";
  std::string format = "json";   // json | text
  std::string output;            // "" = stdout
  unsigned timeout_ms = 0;
};

struct FmtOptions {
  std::vector<std::string> files;  // case files and directories of them
  bool check = false;              // list what would change instead of rewriting it
};

struct ExplainOptions {
  std::string file;
  Judging judging;  // no expectation given: posix, every outcome POSIX allows
};

// Each returns the process exit status (0, 1 or 2 as DESIGN.md defines).
int cmd_list(bool surface, bool choices);
int cmd_check(const CheckOptions& o);
int cmd_replay(const ReplayOptions& o);
int cmd_fuzz(const FuzzOptions& o);
int cmd_matrix(const MatrixOptions& o);
// 0 with the answers written, 2 when they could not be had (exit 1 is not
// used: an answer of "no" is not a failure).
int cmd_capabilities(CapabilitiesOptions o);
// Declares the capabilities command and its options on app (cmd_capabilities.cpp).
CLI::App* add_capabilities_command(CLI::App& app, CapabilitiesOptions& o);

// 0 canonical (or rewritten), 1 with check: some file is not, 2 a file
// cannot be read or parsed.
int cmd_fmt(const FmtOptions& o);
// 0 predicted, 1 the model cannot predict the case, 2 it cannot be read.
int cmd_explain(const ExplainOptions& o);

// `spawncheck --version`: version, git revision, wire protocol and case
// format versions, targets.
std::string version_text();

}  // namespace sc
