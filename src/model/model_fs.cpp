// model_fs.cpp — path resolution, open(2) and chdir(2) over the fixture.
//
// The rules follow path_resolution(7) and open(2) as Linux 6.x applies
// them; the order of the checks is the kernel's (namei.c do_open /
// may_open), each one verified on this machine where the pages are silent.
#include "model_fs.h"

#include <string_view>

namespace sc::mdl {
namespace {

// path_resolution(7): "the kernel imposes a limit ... 40" symlinks per
// resolution; measured: a chain of 40 resolves, 41 gives ELOOP.
constexpr int kMaxSymlinks = 40;
constexpr std::size_t kNameMax = 255;   // ENAMETOOLONG: a component longer than NAME_MAX
constexpr std::size_t kPathMax = 4096;  // ENAMETOOLONG: a path of PATH_MAX bytes or more (with its NUL)

std::vector<std::string> components(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    auto end = std::min(path.find('/'), path.size());
    if (end > 0) out.emplace_back(path.substr(0, end));
    path.remove_prefix(std::min(end + 1, path.size()));
  }
  return out;
}

bool is_link(const Node& n) { return n.type == Node::Type::Symlink || n.type == Node::Type::ProbeLink; }
bool is_dir(const Node& n) { return n.type == Node::Type::Dir; }

// Every path a case hands to a system call is checked here first.
std::string entry_check(const std::string& path) {
  if (path.size() >= kPathMax) return "ENAMETOOLONG";
  if (!path.empty() && path[0] == '/')
    unpredictable("absolute path \"" + path + "\" (case paths are relative to the scratch root)");
  return "";
}

}  // namespace

struct SimFs::Walk {
  int links = 0;
};

SimFs::SimFs(bool root) : root_(root) {
  Node r;
  r.type = Node::Type::Dir;
  r.mode = 0755;  // the harness creates root/ 0755
  r.path = ".";
  nodes_.push_back(std::move(r));
}

int SimFs::make(int dir, const std::string& name, Node n) {
  const auto& d = node(dir);
  n.parent = dir;
  n.path = d.path == "." ? name : d.path + "/" + name;
  nodes_.push_back(std::move(n));
  int id = static_cast<int>(nodes_.size() - 1);
  nodes_[static_cast<std::size_t>(dir)].children[name] = id;
  return id;
}

bool SimFs::may_search(const Node& dir) const { return root_ || (dir.mode & 0100); }

// execve(2) EACCES: "Execute permission is denied for the file"; root is
// no exception when no execute bit is set at all (capabilities(7),
// CAP_DAC_OVERRIDE: "...if at least one of the file's execute bits is set").
bool SimFs::may_exec(const Node& n) const {
  bool reg = n.type == Node::Type::Reg || n.type == Node::Type::ProbeBinary;
  return reg && (root_ ? (n.mode & 0111) != 0 : (n.mode & 0100) != 0);
}

const char* SimFs::kind_name(const Node& n) {
  switch (n.type) {
    case Node::Type::Reg:
    case Node::Type::ProbeBinary: return "reg";
    case Node::Type::Dir: return "dir";
    case Node::Type::Fifo: return "fifo";
    case Node::Type::Symlink:
    case Node::Type::ProbeLink: return "lnk";
  }
  return "unknown";
}

// The harness names sc/probe after the shortest probe entry (then the
// first in byte order), since it has no name below root/.
std::string SimFs::identity(int id) const {
  const auto& n = node(id);
  if (n.type != Node::Type::ProbeBinary) return "path:" + n.path;
  const std::string* best = nullptr;
  for (const auto& m : nodes_)
    if (m.type == Node::Type::ProbeLink &&
        (!best || m.path.size() < best->size() || (m.path.size() == best->size() && m.path < *best)))
      best = &m.path;
  return "path:" + (best ? *best : std::string("?"));
}

// ---- fixture ---------------------------------------------------------------

// Like `mkdir -p` through symlinks: what the harness does for the parent
// directories of a fixture entry.
std::string SimFs::ensure_dir(int& dir, const std::string& path, Walk& w) {
  for (const auto& c : components(path)) {
    if (c == ".") continue;
    if (c == "..") {
      if (dir == kRoot) return "leaves the case root";
      dir = node(dir).parent;
      continue;
    }
    auto it = node(dir).children.find(c);
    if (it == node(dir).children.end()) {
      Node d;
      d.type = Node::Type::Dir;
      d.mode = 0755;
      dir = make(dir, c, std::move(d));
      continue;
    }
    int child = it->second;
    if (node(child).type == Node::Type::Symlink) {
      if (++w.links > kMaxSymlinks) return "is below a symlink loop";
      if (!node(child).target.empty() && node(child).target[0] == '/') return "is below an absolute symlink";
      int at = node(child).parent;
      if (auto e = ensure_dir(at, node(child).target, w); !e.empty()) return e;
      dir = at;
      continue;
    }
    if (!is_dir(node(child))) return "is below something that is not a directory";
    dir = child;
  }
  return "";
}

std::string SimFs::add(const FixtureEntry& e, const std::string& probe_path) {
  if (e.path.empty() || e.path[0] == '/') return "is empty or absolute";
  auto slash = e.path.rfind('/');
  std::string name = e.path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (name.empty() || name == "." || name == "..") return "does not end in the name of a new entry";
  if (name.size() > kNameMax) return "has a name longer than NAME_MAX";
  int dir = kRoot;
  Walk w;
  if (auto err = ensure_dir(dir, slash == std::string::npos ? "" : e.path.substr(0, slash), w); !err.empty())
    return err;
  if (node(dir).children.count(name)) return "names an entry the fixture already has";
  Node n;
  n.mode = e.mode & 07777;
  using K = FixtureEntry::Kind;
  switch (e.kind) {
    case K::File: n.type = Node::Type::Reg; n.content = e.content; break;
    case K::Script:
      n.type = Node::Type::Reg;
      n.content = e.shebang ? "#!" + probe_path + "\n" + e.content : e.content;
      break;
    case K::Dir: n.type = Node::Type::Dir; break;
    case K::Fifo: n.type = Node::Type::Fifo; break;
    case K::Symlink:
      if (e.target.empty()) return "is a symlink with an empty target";
      n.type = Node::Type::Symlink;
      n.target = e.target;
      break;
    case K::Probe:
      n.type = Node::Type::ProbeLink;
      if (probe_binary_ < 0) {
        Node p;
        p.type = Node::Type::ProbeBinary;
        p.mode = 0755;  // the harness copies the probe 0755
        nodes_.push_back(std::move(p));
        probe_binary_ = static_cast<int>(nodes_.size() - 1);
      }
      break;
  }
  make(dir, name, std::move(n));
  return "";
}

// ---- the walk --------------------------------------------------------------

SimFs::Found SimFs::step(int dir, const std::string& name) const {
  // path_resolution(7): "If the process does not have search permission on
  // the current lookup directory, an EACCES error is returned".
  if (!may_search(node(dir))) return {"EACCES"};
  if (name == ".") return {"", dir};
  if (name == "..") {
    if (dir == kRoot) unpredictable("\"..\" climbs out of the scratch root");
    return {"", node(dir).parent};
  }
  // The file system's lookup refuses a long name (measured: only when the
  // walk reaches it, so an earlier ENOENT or ENOTDIR wins).
  if (name.size() > kNameMax) return {"ENAMETOOLONG"};
  auto it = node(dir).children.find(name);
  return {"", it == node(dir).children.end() ? -1 : it->second};
}

SimFs::Found SimFs::follow_link(int link, Walk& w) const {
  if (++w.links > kMaxSymlinks) return {"ELOOP"};
  const auto& l = node(link);
  if (l.type == Node::Type::ProbeLink) return {"", probe_binary_};
  if (l.target[0] == '/') unpredictable("symlink " + l.path + " has an absolute target");
  // path_resolution(7): a relative target is resolved from the directory
  // holding the link.
  return resolve_in(l.parent, l.target, true, w);
}

SimFs::Parent SimFs::walk_parent(int from, const std::string& path, Walk& w) const {
  auto comps = components(path);
  Parent p;
  p.trailing = path.back() == '/';
  int cur = from;
  for (std::size_t i = 0; i + 1 < comps.size(); ++i) {
    auto f = step(cur, comps[i]);
    if (!f.err.empty()) return {f.err};
    if (f.node < 0) return {"ENOENT"};
    if (is_link(node(f.node))) {
      f = follow_link(f.node, w);
      if (!f.err.empty()) return {f.err};
    }
    if (!is_dir(node(f.node))) return {"ENOTDIR"};
    cur = f.node;
  }
  p.dir = cur;
  p.last = comps.back();
  return p;
}

SimFs::Found SimFs::resolve_in(int from, const std::string& path, bool follow, Walk& w) const {
  if (path.empty()) return {"ENOENT"};
  auto p = walk_parent(from, path, w);
  if (!p.err.empty()) return {p.err};
  auto f = step(p.dir, p.last);
  if (!f.err.empty()) return f;
  if (f.node < 0) return {"ENOENT"};
  // path_resolution(7): a trailing slash makes the final component a
  // directory reference, so a symlink there is followed.
  if (is_link(node(f.node)) && (follow || p.trailing)) {
    f = follow_link(f.node, w);
    if (!f.err.empty()) return f;
  }
  if (p.trailing && !is_dir(node(f.node))) return {"ENOTDIR"};
  return f;
}

SimFs::Found SimFs::resolve(int from, const std::string& path, bool follow) const {
  if (auto e = entry_check(path); !e.empty()) return {e};
  Walk w;
  return resolve_in(from, path, follow, w);
}

SimFs::Found SimFs::chdir(int from, const std::string& path) const {
  auto f = resolve(from, path, true);
  if (!f.err.empty()) return f;
  if (auto e = fchdir(f.node); !e.empty()) return {e};
  return f;
}

Err SimFs::fchdir(int id) const {
  if (!is_dir(node(id))) return "ENOTDIR";
  if (!may_search(node(id))) return "EACCES";  // chdir(2): "Search permission is denied"
  return "";
}

// ---- open(2) ---------------------------------------------------------------

SimFs::Opened SimFs::open(int from, const std::string& path, OFlags flags, std::uint32_t mode, std::uint32_t umask,
                          const std::function<FifoPeers(int)>& peers, std::vector<std::string>& trace) {
  // Linux refuses O_CREAT|O_DIRECTORY before looking at the path (measured
  // EINVAL on 6.x, even for "" and existing directories).
  if ((flags & kCreat) && (flags & kDirectory)) return {"EINVAL"};
  if (auto e = entry_check(path); !e.empty()) return {e};
  Walk w;
  return open_in(from, path, flags, mode, umask, peers, w, trace);
}

SimFs::Opened SimFs::open_in(int from, const std::string& path, OFlags flags, std::uint32_t mode,
                             std::uint32_t umask, const std::function<FifoPeers(int)>& peers, Walk& w,
                             std::vector<std::string>& trace) {
  if (path.empty()) return {"ENOENT"};
  auto p = walk_parent(from, path, w);
  if (!p.err.empty()) return {p.err};
  const bool creat = flags & kCreat, excl = creat && (flags & kExcl);
  // open(2) EISDIR: a name with a trailing slash cannot be created as a
  // regular file; measured: refused before the lookup, even with O_EXCL.
  if (creat && p.trailing && p.last != "." && p.last != "..") return {"EISDIR"};
  auto f = step(p.dir, p.last);
  if (!f.err.empty()) return {f.err};
  if (f.node < 0) {
    if (!creat) return {"ENOENT"};
    if (!root_ && !(node(p.dir).mode & 0200)) return {"EACCES"};
    // open(2): "the mode of the created file is (mode & ~umask)".
    Node n;
    n.type = Node::Type::Reg;
    n.mode = mode & ~umask & 07777;
    int id = make(p.dir, p.last, std::move(n));
    trace.push_back("  O_CREAT creates " + node(id).path + " (regular, mode & ~umask)");
    return {"", id, true};
  }
  int id = f.node;
  // open(2) O_NOFOLLOW: "If the trailing component ... is a symbolic link,
  // then the open fails, with the error ELOOP"; O_CREAT|O_EXCL: "symbolic
  // links are not followed". A trailing slash follows regardless.
  const bool follow = (!(flags & kNoFollow) && !excl) || p.trailing;
  if (is_link(node(id)) && follow) {
    if (creat && node(id).type == Node::Type::Symlink) {
      // O_CREAT through a dangling symlink creates its target: resolve the
      // link body with the same open rules.
      if (++w.links > kMaxSymlinks) return {"ELOOP"};
      if (node(id).target[0] == '/') unpredictable("symlink " + node(id).path + " has an absolute target");
      return open_in(node(id).parent, node(id).target, flags, mode, umask, peers, w, trace);
    }
    auto g = follow_link(id, w);
    if (!g.err.empty()) return {g.err};
    id = g.node;
  }
  return open_existing(id, p, flags, peers, trace);
}

// The checks on an object that exists, in the order of Linux's do_open()
// and may_open().
SimFs::Opened SimFs::open_existing(int id, const Parent& p, OFlags flags, const std::function<FifoPeers(int)>& peers,
                                   std::vector<std::string>& trace) {
  auto& n = nodes_[static_cast<std::size_t>(id)];
  const Access acc = access_of(flags);
  const bool trunc = flags & kTrunc;
  if (flags & kCreat) {
    // open(2) EEXIST: "pathname already exists and O_CREAT and O_EXCL were used".
    if (flags & kExcl) return {"EEXIST"};
    if (is_dir(n)) return {"EISDIR"};
  }
  // open(2) ENOTDIR: "O_DIRECTORY was specified and pathname was not a directory".
  if (((flags & kDirectory) || p.trailing) && !is_dir(n)) return {"ENOTDIR"};
  if (is_link(n)) return {"ELOOP"};  // an unfollowed symlink (O_NOFOLLOW)
  // open(2) EISDIR: "pathname refers to a directory and the access
  // requested involved writing"; O_TRUNC counts as writing (measured).
  if (is_dir(n) && (can_write(acc) || trunc)) return {"EISDIR"};
  if (!root_ && ((can_read(acc) && !(n.mode & 0400)) || ((can_write(acc) || trunc) && !(n.mode & 0200))))
    return {"EACCES"};
  if (n.type == Node::Type::Fifo) {
    // fifo(7): "opening a FIFO for reading normally blocks until some other
    // process opens the same FIFO for writing, and vice versa"; open(2)
    // ENXIO: "O_NONBLOCK | O_WRONLY is set ... and no process has the FIFO
    // open for reading"; fifo(7): O_RDWR "will succeed" under Linux.
    auto who = peers(id);
    if (acc == Access::Read && !(flags & kNonBlock) && !who.writer)
      unpredictable("open of FIFO " + n.path + " for reading blocks: nobody has it open for writing");
    if (acc == Access::Write && !who.reader) {
      if (flags & kNonBlock) return {"ENXIO"};
      unpredictable("open of FIFO " + n.path + " for writing blocks: nobody has it open for reading");
    }
  }
  if (trunc && n.type != Node::Type::Fifo) {
    if (n.type == Node::Type::ProbeBinary) unpredictable("O_TRUNC would empty the probe binary");
    n.content.clear();
    trace.push_back("  O_TRUNC empties " + n.path);
  }
  return {"", id, false};
}

}  // namespace sc::mdl
