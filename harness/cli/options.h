// options.h — the options several commands share, declared once: name,
// help text and what values they take.
#pragma once

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "session.h"
#include "targets.h"

namespace sc {

// --backend NAME (a backends.def name) or --impl PATH.so, one of the two.
void add_backend_option(CLI::App* cmd, std::string& backend, std::string& impl);
// The same, repeatable: each --backend and --impl a value of its own.
void add_backend_list_option(CLI::App* cmd, std::vector<std::string>& backends, std::vector<std::string>& impls);
// --target (alias --arch) and --probe-mode.
void add_target_options(CLI::App* cmd, std::string& target, ProbeMode& mode);
void add_probe_mode_option(CLI::App* cmd, ProbeMode& mode);
// --profile and --expect: what the runs are judged by.
void add_judging_options(CLI::App* cmd, Judging& judging);
void add_filter_option(CLI::App* cmd, std::string& filter);
void add_timeout_option(CLI::App* cmd, unsigned& timeout_ms);

// Where a command writes its report: stdout for an empty --output, else
// `file` opened on it; nullptr (said on stderr) when it cannot be written.
std::ostream* open_output(const std::string& output, std::ofstream& file);

}  // namespace sc
