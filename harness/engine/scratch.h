// scratch.h — the scratch directory of a session (docs/protocol.md):
// <dir>/sc/probe, <dir>/root/ holding a case's fixture. Nothing a case
// names may leave root/, and the destructor leaves nothing behind.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "case.h"
#include "identities.h"

namespace sc {

// Empties the directory open at dirfd (named `where` in errors), never
// following a symlink; directories whose mode shuts us out are given 0700
// first (we only ever do this to our own). Returns the error, if any.
std::optional<std::string> remove_contents(int dirfd, const std::string& where);

class Scratch {
 public:
  // Creates $TMPDIR/spawncheck.XXXXXX (/tmp when TMPDIR is unset) with its
  // owner marker (scratch_owner.h), sc/ and root/, and copies probe_binary
  // to sc/probe (0755). The first one of a process first sweeps TMPDIR of
  // the scratch directories of runs that were killed. Throws
  // std::runtime_error naming the failed call and errno ("mkdtemp(…): EACCES").
  explicit Scratch(const std::string& probe_binary);
  // Removes the whole directory, never following a symlink out of it.
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const std::string& dir() const { return dir_; }      // canonical absolute path
  const std::string& root() const { return root_; }    // <dir>/root
  const std::string& probe() const { return probe_; }  // <dir>/sc/probe

  // Leaves root/ holding exactly c's fixture as freshly created. When c's
  // fixture is the one built last and nothing changed in root/ since
  // (inotify says so), nothing is done; when a run only created or
  // rewrote regular files (O_CREAT, O_TRUNC), those are undone and
  // nothing else is touched. Otherwise it empties
  // root/ and creates c's fixture in it, in order: parent
  // directories as needed (0755), files and scripts with their content and
  // mode, FIFOs, symlinks, probe entries as relative symlinks to sc/probe;
  // directory modes are applied last so a 0000 directory can still be
  // filled. Refuses, before touching anything, a case with a path that is
  // absolute or could resolve outside root/ (by "..", through the fixture's
  // symlinks, from any directory the child could be in), and posix_spawnp
  // without PATH in `parent env`. Returns "" on success, else the error.
  [[nodiscard]] std::string build_fixture(const Case& c) const;

  // Every object under root/ (not following symlinks), plus sc/probe for
  // c's probe entries, as (major, minor, ino) -> "path:<p>" where p is the
  // shortest symlink-free path below root/ ("." for root/ itself). Call it
  // after a run too, to name files the run created. Cached while root/
  // holds c's fixture unchanged.
  IdentityMap identities(const Case& c) const;

 public:
  // Enough of an entry's stat to tell that a run changed it.
  struct Stamp {
    std::uint64_t ino = 0, size = 0;
    std::uint32_t mode = 0, nlink = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const Stamp&) const = default;
  };
  // Every entry below root/ the harness can reach, by path ("." for root/).
  using Stamps = std::map<std::string, Stamp>;

 private:
  void remove_all() const;
  IdentityMap walk_identities(const Case& c) const;
  // Whether anything in root/ changed since watch(): pending inotify events.
  bool changed() const;
  // Watches every directory of root/ (from stamps_) and forgets past events.
  void watch() const;

  std::string dir_, root_, probe_;
  // The fixture root/ holds, if known, and its stamps right after it was built.
  mutable std::optional<std::vector<FixtureEntry>> built_;
  mutable Stamps stamps_;
  mutable IdentityMap built_ids_;  // identities(c) for built_
  int inotify_ = -1;               // -1: no inotify, root/ is walked instead
  mutable bool dirty_ = true;      // root/ may differ from built_
};

}  // namespace sc
