// model.h — the semantics of a spawn request as a pure function:
// (parent state, request, fixture) -> the set of Outcomes a conforming
// implementation may produce. Where POSIX (or the Linux contract) leaves a
// choice (choices.def), every option is predicted and labelled with who
// takes it; --expect narrows each choice to one implementation's documented
// option. It is the fuzzer's oracle and a readable statement of the rules;
// every rule it applies is named in the trace.
//
// Sources: POSIX.1-2024 posix_spawn and posix_spawn_file_actions_*,
// execve(2), open(2), path_resolution(7), and glibc 2.36 / musl 1.2.3 /
// Linux 6.x behaviour measured on Debian 12 (DESIGN.md "Facts measured").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case.h"
#include "outcome.h"
#include "profile.h"

namespace sc {

// Whose documented choices the model predicts (--expect): Posix allows every
// option; the others narrow each choice point to that implementation's.
enum class Expectation : std::uint8_t { Posix, Glibc, Musl, Bionic, FreeBSD, Refcore };
std::string_view expect_name(Expectation e);  // "posix", "glibc", ...
std::optional<Expectation> expect_named(std::string_view name);
std::string expect_choices();  // "posix | glibc | ..." for help text

enum class Choice : std::uint8_t {
#define SC_CHOICE(ID, name, kind, what) ID,
#include "choices.def"
};

struct ChoiceInfo {
  std::string_view name, what;
  bool policy;  // one option throughout a call
  struct Option {
    std::string_view name, who, source;
  };
  std::vector<Option> options;
};
const ChoiceInfo& choice_info(Choice c);
inline constexpr std::size_t kChoiceCount = 0
#define SC_CHOICE(ID, name, kind, what) +1
#include "choices.def"
    ;

// Every choice point with its options, who takes each and why it is
// allowed (spawncheck list --choices).
std::string describe_choices();

// One option taken at a choice point.
struct Taken {
  Choice choice;
  unsigned option;  // index into choice_info(choice).options
  bool operator==(const Taken&) const = default;
};
// "addopen-cloexec: cleared (FreeBSD ...)".
std::string describe(const Taken& t);

struct ModelEnv {
  std::string probe_path;      // absolute path a shebang line names (<scratch>/sc/probe)
  bool root = true;            // euid 0: DAC bypass except exec needs an x bit
  std::size_t arg_max = 0;     // execve size limit in bytes (RLIMIT_STACK/4, at least 128 KiB); 0 = unknown
  int nofile = 1024;           // soft RLIMIT_NOFILE of the caller
  Profile profile = Profile::Linux;
  Expectation expect = Expectation::Posix;
};

// One outcome the model allows, and the options it rests on (those of the
// choice points the case reached).
struct Allowed {
  Outcome outcome;
  std::vector<Taken> taken;
  bool operator==(const Allowed&) const = default;
};

struct Prediction {
  // Every allowed outcome, distinct; the first is the expected
  // implementation's (or the first option at every point). Empty only
  // when unpredictable is set.
  std::vector<Allowed> allowed;
  std::string unpredictable;        // non-empty: why the model can't predict this case
  std::vector<std::string> trace;   // one line per rule applied on the way to allowed[0]
  const Outcome& outcome() const;   // allowed[0].outcome; a default Outcome when unpredictable
  bool allows(const Outcome& o) const;
};

Prediction predict(const Case& c, const ModelEnv& env);

// The system directories posix_spawnp searches when the caller has no PATH,
// as the expected implementation documents them (glibc and refcore:
// confstr's default; musl adds /usr/local/bin); the glibc list for the
// others.
std::string_view default_search_path(Expectation e);

// Non-empty when c is structurally invalid for the model (pipe peers that
// do not match, a fd listed twice, a signal that cannot be caught...).
// predict() reports the same reason as unpredictable.
std::string validate(const Case& c);

}  // namespace sc
