// generate.h — structure-aware generation of cases for differential
// fuzzing (`spawncheck fuzz`): every action, open flag, attribute flag and
// signal of spawn_ops.def is reachable, with fd numbers, argv/envp shapes and
// parent state biased towards the edges where implementations differ.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "case.h"

namespace sc {

// Where the generator's decisions come from: a seeded engine (`spawncheck
// fuzz`, one case per seed) or a fuzzing engine's input (libFuzzer, AFL++),
// so one generator serves both. No virtual call: every decision is a branch
// on the source.
class Choices {
 public:
  explicit Choices(std::uint64_t seed) : src_(std::in_place_type<std::mt19937_64>, seed) {}
  // In the style of FuzzedDataProvider: each decision consumes the bytes it
  // needs from the front (one for n <= 256) and takes them modulo n; once
  // they run out every decision is 0 and every chance "no", so a short input
  // is a small case and the engine's byte mutations map onto decisions.
  Choices(const std::uint8_t* data, std::size_t size) : src_(Bytes{data, size}) {}

  // Uniform in [0, n); 0 when n == 0.
  std::uint64_t below(std::uint64_t n);
  bool chance(unsigned percent);
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  struct Bytes {
    const std::uint8_t* data;
    std::size_t left;
    std::uint64_t overdrawn = 0;  // decisions asked for after the end
  };
  std::uint64_t from_bytes(Bytes& b, std::uint64_t n);

  std::variant<std::mt19937_64, Bytes> src_;
};

struct GenConfig {
  int nofile = 1024;         // the caller's RLIMIT_NOFILE (fds near it are an edge)
  std::size_t arg_max = 0;   // the execve size limit the model uses; 0: unknown
  std::uint32_t skip_ops = 0;  // bit i: never the i-th SC_ACTION (the backend lacks it)
};

// The case these choices make: the same choices and config give the same
// case. Valid for the case format (print_case/parse_case round-trip); the
// model may still call it unpredictable.
Case generate_case(Choices& ch, const GenConfig& cfg = {});
// The case for one seed, named after it.
Case generate_case(std::uint64_t seed, const GenConfig& cfg = {});

// What a case's actions and parent fds may name: the generator makes one
// for each case, the mutator (mutate.h) derives one from the case it
// changes, so both draw from the same pieces below.
struct Names {
  std::vector<Path> files;     // regular files a parent fd may open
  std::vector<Path> fifos;     // FIFOs (opened only in ways that cannot block)
  std::vector<Path> paths;     // what an addopen may name; never a name that
                               // reaches a probe (O_TRUNC would empty it)
  std::vector<Path> dirs;      // what an addchdir may name
  std::vector<Path> programs;  // what the call may run
  std::vector<int> open;       // fds open in the parent
  int nofile = 1024;
  std::uint32_t skip_ops = 0;  // GenConfig::skip_ops
  bool tame = false;           // name what exists (the call gets to the exec)
};
Names names_of(const Case& c, const GenConfig& cfg);

// An fd at an edge: stdio, one the parent has open, 3..6 where
// implementations keep internal pipes, one an earlier action named, the
// RLIMIT_NOFILE edge, or an invalid one.
int edge_fd(const Names& n, Choices& ch, const std::vector<int>& recent);
// An access mode and any subset of the other SC_OFLAGs.
OFlags any_oflags(Choices& ch);
// Flags for an addopen of path (never a blocking open of a FIFO).
OFlags open_flags_for(const Names& n, const Path& path, Choices& ch);
// A few standard signals, now and then a real-time one.
SigSet any_signals(Choices& ch, SigSet exclude);
// One action of any kind, or the three adddup2 of a swap through a spare
// fd; recent: fds earlier actions opened or duplicated to.
std::vector<Action> random_actions(const Names& n, Choices& ch, const std::vector<int>& recent);
// argv and envp shapes: empty, empty strings, odd bytes, many, around ARG_MAX.
void random_argv(Case& c, Choices& ch, const GenConfig& cfg);
void random_envp(Case& c, Choices& ch, const GenConfig& cfg);
// Any attribute flags, masks and process group (0 or invalid).
void random_attr(Attr& a, Choices& ch);
// The caller's mask, ignored and caught signals, umask.
void random_parent_signals(Case& c, Choices& ch);

// The seed of run n of a campaign started with `seed` (splitmix64), so each
// run is reproducible on its own.
std::uint64_t run_seed(std::uint64_t seed, std::uint64_t n);

}  // namespace sc
