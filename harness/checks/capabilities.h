// capabilities.h — `spawncheck capabilities`: the questions of
// capabilities.def answered for one (backend, target) by running the checks
// each names, plus the few observations no check makes.
#pragma once

#include <string>
#include <vector>

#include "hello.h"
#include "verdict.h"

namespace sc {

// One piece of evidence: a check of the catalogue or an extra observation.
struct Evidence {
  std::string id;       // a check id, or "observe:<name>"
  std::string tag;      // the word a `words` rule reports for it ("" when none)
  Status status = Status::NotApplicable;
  std::string reason;
  std::string agent;    // "" = the run's own agent; else how this one differs ("clone3 fails with ENOSYS")
};

struct Answer {
  std::string id, rule, question;
  std::vector<std::string> words;  // the answer: one word, or the list a `words` rule gives
  std::string basis;               // observed | documented (the documented part of a `path` answer)
  std::string note;                // why, when the verdicts alone do not say
  std::vector<Evidence> evidence;
};

struct Capabilities {
  std::string backend, target, how;
  Hello hello;                  // of the run's agent: libc, arch, clone3 availability
  std::vector<Answer> answers;  // in capabilities.def order
  std::string error;            // set when nothing could be answered (agent, preflight)
};

// The questions' evidence, as declared: every check id must be registered
// and every observation one capabilities.cpp makes ("" when so, else the
// ids that are not).
std::string unknown_evidence();

Capabilities answer_capabilities(const std::string& backend, const std::string& target, unsigned timeout_ms);

}  // namespace sc
