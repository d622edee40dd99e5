// normalise.h — the one place a reply becomes an observation the model's
// prediction can be compared with. It changes the observation only; the
// rules (docs/protocol.md, "Normalisation"):
//   1. a descriptor is named by what it leads to: "path:<p>" below the case
//      root, "pipe:<read fd>" for a pipe the caller set up, else "other";
//      an offset counts for regular files only;
//   2. the cwd is relative to the case root ("outside:<abs>" elsewhere);
//   3. the libc-internal signals (32..34) are dropped;
//   4. the session's probe path in argv is the label "<probe>";
//   5. the process group and session are relations to the caller;
//   6. a host-native probe run by an emulated caller shows only signals
//      1..31, and none of the fault signals the emulator keeps: the others
//      are outside what this observation can compare.
#pragma once

#include <string_view>

#include "agent_reply.h"
#include "identities.h"
#include "outcome.h"

namespace sc {

struct Observation {
  Outcome outcome;
  // The signals whose state the observation shows (rule 6); a comparison
  // looks at these only.
  SigSet comparable_signals = ~SigSet{0};
};

struct ObservationContext {
  const Case* c = nullptr;
  IdentityMap ids;                 // of the case root (Scratch::identities)
  std::string_view root;           // canonical <scratch>/root
  std::string_view probe;          // <scratch>/sc/probe
  bool host_probe_under_emulation = false;
};

Observation observe(const AgentReply& reply, ObservationContext ctx);

FdState normalise(const ProbeFd& fd, const IdentityMap& ids);
ChildState normalise(const ProbeReport& report, const IdentityMap& ids, std::string_view scratch_root_dir,
                     long caller_pgid);

}  // namespace sc
