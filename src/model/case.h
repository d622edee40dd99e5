// case.h — one spawn request, the parent state before it and the fixture
// it refers to: the in-memory form of a case file (docs/case-format.md).
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc {

// Index into the SC_ACTION table of spawn_ops.def.
enum class Op : std::uint8_t {
#define SC_ACTION(ID, name, sig, slot) ID,
#include "spawn_ops.def"
};

// Bit i is the i-th SC_OFLAG of spawn_ops.def (O_RDONLY is bit 0 and, like
// the others, must be written explicitly when meant).
using OFlags = std::uint32_t;
// Bit i is the i-th SC_ATTRFLAG.
using AttrFlags = std::uint32_t;
// Bit (n - 1) is signal n, 1..64.
using SigSet = std::uint64_t;

// A scratch-relative path exactly as written (may be "" or contain "..";
// the fixture builder refuses anything that would leave the scratch dir).
using Path = std::string;

struct FixtureEntry {
  enum class Kind : std::uint8_t {  // spawn_ops.def SC_FIXTURE
#define SC_FIXTURE(ID, name) ID,
#include "spawn_ops.def"
  };
  Kind kind = Kind::File;
  Path path;
  std::uint32_t mode = 0644;  // permission bits; ignored for Symlink
  std::string content;        // File, Script: bytes after the shebang line
  Path target;                // Symlink
  bool shebang = false;       // Script
  bool operator==(const FixtureEntry&) const = default;
};

struct ParentFd {
  enum class Kind : std::uint8_t {  // spawn_ops.def SC_PARENT_FD
#define SC_PARENT_FD(ID, name) ID,
#include "spawn_ops.def"
  };
  int fd = -1;
  Kind kind = Kind::Closed;
  Path path;               // Open
  OFlags oflags = 0;       // Open (O_CLOEXEC here sets FD_CLOEXEC)
  bool cloexec = false;    // any kind but Closed
  std::uint64_t offset = 0;  // Open: lseek(fd, offset, SEEK_SET) after open
  int peer = -1;           // PipeRead / PipeWrite
  bool operator==(const ParentFd&) const = default;
};

struct Action {
  Op op = Op::ADDCLOSE;
  int fd = -1;
  int newfd = -1;          // ADDDUP2
  Path path;               // ADDOPEN, ADDCHDIR
  OFlags oflags = 0;       // ADDOPEN
  std::uint32_t mode = 0;  // ADDOPEN
  bool operator==(const Action&) const = default;
};

// `attr pgroup caller`: the caller's own process group, whose number a
// case cannot know; the agent passes getpgrp() (wire.h SC_T_ATTRPGROUP).
inline constexpr int kPgroupCaller = INT_MIN;

struct Attr {
  std::optional<AttrFlags> flags;   // setflags called when set
  std::optional<SigSet> sigmask;    // setsigmask called when set
  std::optional<SigSet> sigdefault; // setsigdefault called when set
  std::optional<int> pgroup;        // setpgroup called when set (kPgroupCaller: see below)
  bool operator==(const Attr&) const = default;
};

enum class Func : std::uint8_t { Spawn, Spawnp };

struct Expect {
  std::optional<std::string> error;  // errno name or "0"
  bool operator==(const Expect&) const = default;
};

// The version of the case format (docs/case-format.md) this build reads
// and writes: the number on a case file's first directive.
inline constexpr int kCaseFormatVersion = 1;

struct Case {
  int version = kCaseFormatVersion;
  std::string name;                  // [a-z0-9._-]+
  std::vector<FixtureEntry> fixture;
  // Parent state set up before the call.
  Path cwd = ".";
  std::uint32_t umask = 022;
  std::vector<ParentFd> fds;
  SigSet sigmask = 0, sigign = 0, sigcatch = 0;
  std::vector<std::string> parent_env;  // the caller's environ (PATH for spawnp)
  // The call.
  Func func = Func::Spawn;
  Path program;
  std::vector<std::string> argv;
  bool env_inherit = false;             // pass the caller's environ as envp
  std::vector<std::string> envp;        // used when !env_inherit
  std::vector<Action> actions;
  Attr attr;
  Expect expect;
  // Comment and blank lines, each kept with the index in the canonical
  // text of the directive it precedes (directives.size() for trailing
  // ones), so a comment moves with its directive when fmt reorders them.
  struct Trivia {
    std::size_t before;
    std::string text;
    bool operator==(const Trivia&) const = default;
  };
  std::vector<Trivia> trivia;
  bool operator==(const Case&) const = default;
};

}  // namespace sc
