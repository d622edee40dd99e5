// model_fs.h — the simulated file system under the scratch root
// (internal): the fixture as the kernel sees it, and the path walk, open
// and chdir rules of path_resolution(7) and open(2).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "case.h"
#include "model_common.h"

namespace sc::mdl {

struct Node {
  enum class Type {
    Reg,
    Dir,
    Fifo,
    Symlink,
    ProbeLink,    // a fixture `probe` entry: a symlink leading out of root/ to sc/probe
    ProbeBinary,  // sc/probe itself, outside root/
  };
  Type type = Type::Reg;
  std::uint32_t mode = 0;
  std::string content;  // Reg: every byte, shebang line included
  std::string target;   // Symlink
  int parent = -1;      // the directory holding it (root: -1)
  std::string path;     // scratch-relative, lexically normal, "." for root
  std::map<std::string, int> children;  // Dir
};

// Who holds a FIFO open, for open(2)'s blocking rules.
struct FifoPeers {
  bool reader = false, writer = false;
};

class SimFs {
 public:
  static constexpr int kRoot = 0;

  explicit SimFs(bool root);

  // Adds one fixture entry the way the harness creates it: missing parent
  // directories (0755) at the place the parent path resolves to. Returns a
  // reason when the entry is invalid.
  std::string add(const FixtureEntry& e, const std::string& probe_path);

  const Node& node(int id) const { return nodes_.at(static_cast<std::size_t>(id)); }
  // "path:<p>" as the harness names objects (the probe: by its shortest entry).
  std::string identity(int id) const;
  static const char* kind_name(const Node& n);

  struct Found {
    Err err;
    int node = -1;
  };
  // Resolves path from directory `from`, following a final symlink when
  // `follow` (a trailing slash always does, and requires a directory).
  Found resolve(int from, const std::string& path, bool follow) const;
  // chdir(2): a directory the caller may search.
  Found chdir(int from, const std::string& path) const;
  // fchdir(2) on an open object.
  Err fchdir(int node) const;

  struct Opened {
    Err err;
    int node = -1;
    bool created = false;
  };
  // open(2) relative to `from`. `peers` says who else has a FIFO open;
  // an open that would block forever is unpredictable.
  Opened open(int from, const std::string& path, OFlags flags, std::uint32_t mode, std::uint32_t umask,
              const std::function<FifoPeers(int)>& peers, std::vector<std::string>& trace);

  // Permission to execute (execve(2) EACCES rules for the caller).
  bool may_exec(const Node& n) const;
  // sc/probe, or -1 when the fixture has no probe entry.
  int probe_binary() const { return probe_binary_; }

 private:
  struct Walk;  // per-call state: symlinks followed so far
  struct Parent {
    Err err;
    int dir = -1;
    std::string last{};     // the final component
    bool trailing = false;  // the path ends in '/'
  };
  Parent walk_parent(int from, const std::string& path, Walk& w) const;
  Found step(int dir, const std::string& name) const;
  Found follow_link(int link, Walk& w) const;
  Found resolve_in(int from, const std::string& path, bool follow, Walk& w) const;
  Opened open_in(int from, const std::string& path, OFlags flags, std::uint32_t mode, std::uint32_t umask,
                 const std::function<FifoPeers(int)>& peers, Walk& w, std::vector<std::string>& trace);
  Opened open_existing(int id, const Parent& p, OFlags flags, const std::function<FifoPeers(int)>& peers,
                       std::vector<std::string>& trace);
  std::string ensure_dir(int& dir, const std::string& path, Walk& w);
  int make(int dir, const std::string& name, Node n);
  bool may_search(const Node& dir) const;

  bool root_;
  std::vector<Node> nodes_;
  int probe_binary_ = -1;
};

}  // namespace sc::mdl
