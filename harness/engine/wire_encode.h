// wire_encode.h — building request frames for spawncheck-agent and reading
// its reply frames, exactly as src/agent/wire.h and docs/protocol.md lay
// them out (every integer little-endian, whatever the host).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "case.h"

namespace sc {

// Complete frames: "SCP1", u32 payload length, payload. A payload over
// SC_WIRE_MAX_PAYLOAD throws std::length_error (the agent would refuse it).
std::string encode_hello(std::string_view scratch, std::string_view probe);
// RUN of a case: every parent-state record is sent, even at its default, so
// the agent never relies on defaults of its own; attributes only when set.
std::string encode_run(const Case& c, std::string_view backend, unsigned timeout_ms);
// param 0 leaves the scenario's own default (no PARAM record).
std::string encode_scenario(std::string_view scenario, std::string_view backend, unsigned param, unsigned timeout_ms);
std::string encode_quit();

// One frame at the start of a byte buffer that may hold less or more.
struct FrameRead {
  enum class Status { Complete, Incomplete, Malformed } status = Status::Incomplete;
  char type = 0;          // Complete: the message byte ('h', 'r', ...)
  std::string body;       // Complete: the payload after the message byte
  std::size_t size = 0;   // Complete: bytes of the buffer the frame took
  std::string error;      // Malformed: what is wrong (bad magic, length)
};
FrameRead decode_frame(std::string_view buf);

}  // namespace sc
