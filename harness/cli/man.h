// man.h — the manual pages, spawncheck(1) and spawncheck-<command>(1),
// written from the same CLI::App that --help prints: every command and
// option is declared once, in app.cpp and options.cpp.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace sc {

// Adds the hidden option `--man DIR`: when parsed, it writes the pages of
// `app` (as built so far: call it last) into DIR and ends the parse with
// CLI::Success, or with a CLI::ValidationError saying why it could not.
void add_man_option(CLI::App& app);

// Writes spawncheck.1 and spawncheck-<command>.1 for every visible command;
// "" or the error.
std::string write_man_pages(const CLI::App& app, const std::string& dir);

}  // namespace sc
