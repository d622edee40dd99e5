// interrupt.h — SIGINT, SIGTERM and SIGHUP stop a run between two pieces
// of work (a check, a case, a fuzz run, a 100 ms slice of a wait on the
// agent), so that the ordinary destructors reap the agents and remove the
// scratch directory; then the process ends by the same signal. A second
// signal ends it at once.
#pragma once

#include <string>

namespace sc {

// Catches the three, except any ignored at start (nohup, a shell's
// background job): those stay ignored.
void catch_interrupts();

// The signal that asked the run to stop, or 0.
int interrupted();

// "interrupted by SIGTERM"
std::string interruption();

// After the cleanup: ends the process by the signal that interrupted it,
// so that whoever waits for it sees how it ended. Returns if none did.
void end_if_interrupted();

}  // namespace sc
