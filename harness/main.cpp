// spawncheck — conformance and fuzzing harness for process spawning.
#include "app.h"

int main(int argc, char** argv) { return sc::run_command_line(argc, argv); }
