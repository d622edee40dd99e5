// app.h — the spawncheck command line: parses it and runs the command.
#pragma once

namespace sc {

// The process exit status (DESIGN.md: 0, 1 or 2).
int run_command_line(int argc, char** argv);

}  // namespace sc
