// agent_reply.h — the agent's RUN reply and the probe's report
// (docs/protocol.md) in memory, and their strict parsers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case.h"
#include "outcome.h"
#include "parsed.h"

namespace sc {

// One `fd` line: `fd <n> kind=… dev=<maj>:<min> ino=<n> flags=… cloexec=… off=…`.
struct ProbeFd {
  int fd = -1;
  std::string kind;               // reg dir chr blk fifo sock lnk unknown
  unsigned major = 0, minor = 0;  // st_dev
  std::uint64_t ino = 0;
  OFlags flags = 0;  // access mode + status flags, SC_OFLAG bits
  bool cloexec = false;
  std::optional<std::uint64_t> offset;  // absent for "off=-"
  bool operator==(const ProbeFd&) const = default;
};

// A whole probe report, exactly as the probe saw it (signals 32..34 kept).
struct ProbeReport {
  long pid = 0, ppid = 0, pgid = 0, sid = 0;
  std::uint32_t uid = 0, euid = 0, gid = 0, egid = 0;
  std::uint32_t umask = 0;
  std::string cwd;  // absolute; "" when the probe could not name it
  std::vector<std::string> argv, envp;
  std::map<int, ProbeFd> fds;
  SigSet sigmask = 0, sigign = 0, sigcatch = 0;
  bool operator==(const ProbeReport&) const = default;
};

// The caller (the agent's worker) as its `before` or `after` lines show it.
struct CallerState {
  std::map<int, ProbeFd> fds;
  SigSet sigmask = 0, sigign = 0, sigcatch = 0;
  std::string cwd;
  std::uint32_t umask = 0;
  bool operator==(const CallerState&) const = default;
};

// A RUN reply. Lines a reply does not carry keep the defaults below; a
// spawn reply with `result ok` (one without `scenario` lines) must carry
// every spawn line, which the parser enforces.
struct AgentReply {
  std::string backend;
  // Crashed and Timeout are the agent's verdict on its worker (the
  // implementation killed or hung the caller): `result crashed <SIGNAME|n>`,
  // `result timeout`.
  enum class Result { Ok, Broken, Unsupported, Crashed, Timeout } result = Result::Ok;
  std::string reason;  // Broken, Unsupported: the rest of the line; Crashed: the signal
  // Unsupported because the backend lacks the builder of this action
  // (`result unsupported action <name>`).
  std::optional<Op> missing_action;
  std::string ret;     // "0" or an errno name (E#<n> if unlisted)
  Stage stage;         // which call returned ret (none when it is "0")
  long pid = -1;
  enum class Wait { None, Exited, Signaled, Timeout } wait = Wait::None;
  int wait_code = 0;        // Exited: exit status; Signaled: signal number
  std::string wait_signal;  // Signaled: the signal as written (name or number)
  int zombies = 0;
  std::string errno_after;  // "0" or an errno name
  long self_pid = -1, self_pgid = -1, self_sid = -1;
  CallerState before, after;
  std::optional<ProbeReport> probe;             // absent for `probe-missing`
  // The `scenario <key> <value>` lines in order (scenario_reply.h reads them).
  std::vector<std::pair<std::string, std::string>> scenario;
  bool operator==(const AgentReply&) const = default;
};

// A report file: from `probe 1` to `end`, one trailing newline allowed.
Parsed<ProbeReport> parse_probe_report(std::string_view text);
// A RUN reply text (after the 'r' message byte): from `agent 1` to `end`,
// to a spawn request (every spawn line, no scenario lines) or to a scenario.
enum class ReplyTo { Spawn, Scenario };
Parsed<AgentReply> parse_agent_reply(std::string_view text, ReplyTo to);

// The `fd` line syntax, for messages: "fd 3 kind=reg dev=8:1 ino=12 …".
std::string format_probe_fd(const ProbeFd& fd);

}  // namespace sc
