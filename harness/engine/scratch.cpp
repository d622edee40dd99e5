// scratch.cpp — creating, filling and removing the scratch directory.
//
// Safety rests on a model of root/ built from the fixture alone (Tree):
// directories, files and symlinks with their targets. Actions can only add
// regular files at run time, so the model's directories and symlinks are
// all the child can ever traverse; a path is accepted only if, resolved
// through the model's symlinks from every directory the child could be in,
// no ".." climbs above root/. On disk, entries are created at their
// resolved location one O_NOFOLLOW component at a time, so what is created
// is exactly what was checked.
#include "scratch.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "case_format.h"
#include "scratch_owner.h"
#include "sys_error.h"

namespace sc {
namespace {

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_;
};

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::optional<std::string> write_all(int fd, std::string_view bytes, std::string_view path) {
  while (!bytes.empty()) {
    auto n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error("write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

// Entry names of the directory open at dirfd, without "." and "..".
std::optional<std::vector<std::string>> list_dir(int dirfd) {
  int fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  DIR* d = fdopendir(fd);
  if (!d) {
    close(fd);
    return std::nullopt;
  }
  rewinddir(d);  // the duplicate shares dirfd's offset
  std::vector<std::string> names;
  while (auto* e = readdir(d)) {
    std::string_view n = e->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  closedir(d);
  return names;
}

// A subdirectory opened without following a symlink; a directory whose
// mode shuts us out is given 0700 first (we only ever do this to our own).
Fd open_subdir(int dirfd, const std::string& name) {
  Fd fd(openat(dirfd, name.c_str(), kDirFlags));
  if (!fd && errno == EACCES && fchmodat(dirfd, name.c_str(), 0700, AT_SYMLINK_NOFOLLOW) == 0)
    fd = Fd(openat(dirfd, name.c_str(), kDirFlags));
  return fd;
}

// ---- telling what a run changed --------------------------------------------

Scratch::Stamp stamp_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_size),
          static_cast<std::uint32_t>(st.st_mode), static_cast<std::uint32_t>(st.st_nlink),
          st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
          st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec};
}

// Stamps every entry of the directory open at dirfd (taken over) and below.
// A directory we cannot open (a 0000 one, not as root) is stamped but not
// entered: the child cannot change what is in it either.
bool stamp_dir(int dirfd, const std::string& rel, Scratch::Stamps& out) {
  DIR* d = fdopendir(dirfd);
  if (!d) {
    close(dirfd);
    return false;
  }
  rewinddir(d);  // a duplicate shares the original's offset
  bool ok = true;
  while (auto* e = readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    struct stat st;
    if (fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      ok = false;
      break;
    }
    auto path = rel.empty() ? std::string(n) : rel + "/" + std::string(n);
    out[path] = stamp_of(st);
    if (!S_ISDIR(st.st_mode)) continue;
    int sub = openat(::dirfd(d), e->d_name, kDirFlags);
    if (sub >= 0 && !stamp_dir(sub, path, out)) {
      ok = false;
      break;
    }
  }
  closedir(d);
  return ok;
}

std::optional<Scratch::Stamps> stamp_tree(int rootfd) {
  Scratch::Stamps out;
  struct stat st;
  if (fstat(rootfd, &st) != 0) return std::nullopt;
  out["."] = stamp_of(st);
  int fd = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0 || !stamp_dir(fd, "", out)) return std::nullopt;
  return out;
}

// ---- the model of root/ ----------------------------------------------------

using Parts = std::vector<std::string>;

// Components of a relative path, without empty ones and ".".
Parts split(std::string_view path) {
  Parts parts;
  while (!path.empty()) {
    auto end = std::min(path.find('/'), path.size());
    auto c = path.substr(0, end);
    if (!c.empty() && c != ".") parts.emplace_back(c);
    path.remove_prefix(std::min(end + 1, path.size()));
  }
  return parts;
}

std::string join(const Parts& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

class Tree {
 public:
  enum class Kind { Dir, File, Link, Probe };
  enum class Walk { Inside, Escapes, Stops };  // Stops: the kernel fails first (ENOTDIR, ELOOP)
  struct Where {
    Walk walk;
    Parts at;
  };

  const Kind* find(const Parts& at) const {
    auto it = nodes_.find(join(at));
    return it == nodes_.end() ? nullptr : &it->second.kind;
  }
  void add(const Parts& at, Kind kind, std::string target = {}) { nodes_[join(at)] = {kind, std::move(target)}; }

  // Where path leads from directory `at`, following every symlink as the
  // kernel would. Unknown components count as directories: the real lookup
  // fails there (ENOENT) or creates a regular file, so this only errs
  // towards refusing.
  Where resolve(Parts at, std::string_view path) const {
    if (path.starts_with('/')) return {Walk::Escapes, {}};
    auto comps = split(path);
    std::deque<std::string> todo(comps.begin(), comps.end());
    int links = 0;
    while (!todo.empty()) {
      auto c = std::move(todo.front());
      todo.pop_front();
      if (c == "..") {
        if (at.empty()) return {Walk::Escapes, {}};
        at.pop_back();
        continue;
      }
      at.push_back(std::move(c));
      auto it = nodes_.find(join(at));
      if (it == nodes_.end() || it->second.kind == Kind::Dir) continue;
      if (it->second.kind == Kind::Link) {
        // Above the kernel's own limit (40), so whatever it resolves, we do.
        if (++links > 64) return {Walk::Stops, at};
        if (it->second.target.starts_with('/')) return {Walk::Escapes, {}};
        at.pop_back();
        auto t = split(it->second.target);
        todo.insert(todo.begin(), t.begin(), t.end());
        continue;
      }
      if (!todo.empty()) return {Walk::Stops, at};
    }
    return {Walk::Inside, at};
  }

  // root/ and every directory in it: where the child's cwd can be.
  std::vector<Parts> dirs() const {
    std::vector<Parts> out{{}};
    for (const auto& [path, node] : nodes_)
      if (node.kind == Kind::Dir) out.push_back(split(path));
    return out;
  }

 private:
  struct Node {
    Kind kind;
    std::string target;
  };
  std::map<std::string, Node> nodes_;
};

// The fixture as it will be created: each entry at its resolved directory.
struct Plan {
  struct Step {
    const FixtureEntry* entry;
    Parts dir;
    std::string name;
  };
  std::vector<Step> steps;
  Tree tree;
};

std::optional<std::string> plan_fixture(const Case& c, Plan& plan) {
  using K = FixtureEntry::Kind;
  for (const auto& e : c.fixture) {
    auto what = "fixture path " + case_quote(e.path);
    if (e.path.starts_with('/')) return what + " is absolute; case paths are relative to the case root";
    auto slash = e.path.rfind('/');
    auto name = e.path.substr(slash == std::string::npos ? 0 : slash + 1);
    if (name.empty() || name == "." || name == "..") return what + " does not end in the name of a new entry";
    auto w = plan.tree.resolve({}, std::string_view(e.path).substr(0, slash == std::string::npos ? 0 : slash));
    if (w.walk == Tree::Walk::Escapes) return what + " leaves the case root";
    if (w.walk == Tree::Walk::Stops) return what + " is below something that is not a directory";
    for (std::size_t i = 1; i <= w.at.size(); ++i) {
      Parts prefix(w.at.begin(), w.at.begin() + static_cast<std::ptrdiff_t>(i));
      auto kind = plan.tree.find(prefix);
      if (!kind) plan.tree.add(prefix, Tree::Kind::Dir);
      if (kind && *kind != Tree::Kind::Dir) return what + " is below something that is not a directory";
    }
    Parts at = w.at;
    at.push_back(name);
    if (plan.tree.find(at)) return what + " names an entry the fixture already has";
    auto kind = e.kind == K::Dir ? Tree::Kind::Dir
              : e.kind == K::Symlink ? Tree::Kind::Link
              : e.kind == K::Probe ? Tree::Kind::Probe
              : Tree::Kind::File;
    plan.tree.add(at, kind, e.target);
    plan.steps.push_back({&e, w.at, name});
  }
  // Targets are checked against the finished fixture, as the child sees it.
  for (const auto& s : plan.steps) {
    if (s.entry->kind != K::Symlink) continue;
    auto what = fmt::format("symlink {} -> {}", case_quote(s.entry->path), case_quote(s.entry->target));
    if (s.entry->target.starts_with('/')) return what + " has an absolute target";
    if (plan.tree.resolve(s.dir, s.entry->target).walk == Tree::Walk::Escapes) return what + " leads out of the case root";
  }
  return std::nullopt;
}

// Every path the call or the parent set-up resolves, from every directory
// the child could be in when it does (addchdir/addfchdir may move it).
std::optional<std::string> check_case_paths(const Case& c, const Tree& tree) {
  struct Named {
    std::string what, path, note;
  };
  std::vector<Named> paths{{"parent cwd", c.cwd, ""}};
  for (const auto& f : c.fds) paths.push_back({fmt::format("parent fd {} path", f.fd), f.path, ""});
  for (std::size_t i = 0; i < c.actions.size(); ++i)
    paths.push_back({fmt::format("action {} path", i + 1), c.actions[i].path, ""});
  if (c.func == Func::Spawn || c.program.find('/') != std::string::npos) {
    paths.push_back({"program", c.program, ""});
  } else {
    auto path = std::find_if(c.parent_env.begin(), c.parent_env.end(), [](const std::string& e) { return e.starts_with("PATH="); });
    if (path == c.parent_env.end()) {
      // The libcs' default lists name only system directories: safe only for
      // a name none of them holds, so the search can find nothing out there.
      for (const char* dir : {"/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin"}) {
        struct stat st {};
        if (::lstat((std::string(dir) + "/" + c.program).c_str(), &st) == 0)
          return "posix_spawnp of " + case_quote(c.program) + " without PATH in `parent env` would find " + dir +
                 "/" + c.program + " outside the scratch; use another name or set `parent env \"PATH=…\"`";
      }
      return {};
    }
    std::string_view rest = std::string_view(*path).substr(5);
    for (;;) {
      auto end = std::min(rest.find(':'), rest.size());
      auto dir = std::string(rest.substr(0, end));
      paths.push_back({"program candidate", dir.empty() ? c.program : dir + "/" + c.program,
                       " (PATH entry " + case_quote(dir) + ")"});
      if (end == rest.size()) break;
      rest.remove_prefix(end + 1);
    }
  }
  auto dirs = tree.dirs();
  for (const auto& p : paths) {
    auto named = p.what + " " + case_quote(p.path) + p.note;
    if (p.path.starts_with('/')) return named + " is absolute; case paths are relative to the case root";
    for (const auto& d : dirs)
      if (tree.resolve(d, p.path).walk == Tree::Walk::Escapes)
        return named + " leaves the case root (from directory " + case_quote(d.empty() ? "." : join(d)) + ")";
  }
  return std::nullopt;
}

// Opens root/<parts>, creating missing directories (0755), following no
// symlink: the model resolved them all already.
Fd open_dirs(int rootfd, const Parts& parts, const std::string& root, std::string& error) {
  Fd dir(fcntl(rootfd, F_DUPFD_CLOEXEC, 0));
  std::string path = root;
  for (const auto& p : parts) {
    path += "/" + p;
    if (mkdirat(dir.get(), p.c_str(), 0700) == 0) {
      if (fchmodat(dir.get(), p.c_str(), 0755, 0) != 0) return error = sys_error("chmod", path), Fd();
    } else if (errno != EEXIST) {
      return error = sys_error("mkdir", path), Fd();
    }
    Fd sub(openat(dir.get(), p.c_str(), kDirFlags));
    if (!sub) return error = sys_error("open", path), Fd();
    dir = std::move(sub);
  }
  return dir;
}

std::string content_of(const FixtureEntry& e, const std::string& scratch) {
  return e.kind == FixtureEntry::Kind::Script && e.shebang ? "#!" + scratch + "/sc/probe\n" + e.content : e.content;
}

std::string probe_link(const Parts& dir) {
  std::string up;
  for (std::size_t i = 0; i <= dir.size(); ++i) up += "../";
  return up + "sc/probe";
}

// Directory modes are applied after everything else; until then our own
// directories stay 0700 so entries can be created below them.
std::optional<std::string> create(int dirfd, const Plan::Step& s, const std::string& path, const std::string& scratch) {
  using K = FixtureEntry::Kind;
  const auto& e = *s.entry;
  const char* name = s.name.c_str();
  switch (e.kind) {
    case K::File:
    case K::Script: {
      Fd fd(openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (!fd) return sys_error("open", path);
      if (auto err = write_all(fd.get(), content_of(e, scratch), path)) return err;
      if (fchmod(fd.get(), e.mode) != 0) return sys_error("fchmod", path);
      return std::nullopt;
    }
    case K::Dir:
      if (mkdirat(dirfd, name, 0700) != 0) return sys_error("mkdir", path);
      return std::nullopt;
    case K::Fifo:
      if (mkfifoat(dirfd, name, 0600) != 0) return sys_error("mkfifo", path);
      if (fchmodat(dirfd, name, e.mode, 0) != 0) return sys_error("chmod", path);
      return std::nullopt;
    case K::Symlink:
      if (symlinkat(e.target.c_str(), dirfd, name) != 0) return sys_error("symlink", path);
      return std::nullopt;
    case K::Probe:
      if (symlinkat(probe_link(s.dir).c_str(), dirfd, name) != 0) return sys_error("symlink", path);
      return std::nullopt;
  }
  return std::nullopt;
}

// The existing directory root/<parts>, following no symlink.
Fd open_existing_dir(int rootfd, const Parts& parts) {
  Fd dir(fcntl(rootfd, F_DUPFD_CLOEXEC, 0));
  for (const auto& p : parts) {
    if (!dir) break;
    dir = Fd(openat(dir.get(), p.c_str(), kDirFlags));
  }
  return dir;
}

// Puts back the fixture of `plan`, which root/ held with `stamps`, after a
// run: regular files it created go, files it emptied get their content
// back. False, with root/ to be rebuilt, when it changed anything else.
// (A rewrite that keeps a file's size within one tick of the coarse
// timestamp clock would pass unseen; no case can make one: nothing a case
// runs writes to a fixture file but a shell running a script without #!,
// which no conforming implementation does.)
bool restore(int rootfd, const Plan& plan, Scratch::Stamps& stamps, const std::string& scratch) {
  auto now = stamp_tree(rootfd);
  if (!now) return false;
  if (*now == stamps) return true;
  std::map<std::string, const Plan::Step*> steps;
  for (const auto& s : plan.steps) {
    auto at = s.dir;
    at.push_back(s.name);
    steps[join(at)] = &s;
  }
  std::vector<std::string> created;
  std::vector<const Plan::Step*> emptied;
  for (const auto& [path, st] : *now) {
    auto was = stamps.find(path);
    if (was == stamps.end()) {
      if (!S_ISREG(st.mode)) return false;
      created.push_back(path);
      continue;
    }
    if (was->second == st) continue;
    if (st.ino != was->second.ino || st.mode != was->second.mode) return false;
    if (S_ISDIR(st.mode)) continue;  // an entry came: undone below
    auto step = steps.find(path);
    if (!S_ISREG(st.mode) || step == steps.end() || step->second->entry->kind == FixtureEntry::Kind::Dir) return false;
    emptied.push_back(step->second);
  }
  for (const auto& [path, st] : stamps)
    if (!now->count(path)) return false;
  for (const auto& path : created) {
    auto dir = split(path);
    auto name = dir.back();
    dir.pop_back();
    Fd d = open_existing_dir(rootfd, dir);
    if (!d || unlinkat(d.get(), name.c_str(), 0) != 0) return false;
  }
  for (const auto* s : emptied) {
    Fd d = open_existing_dir(rootfd, s->dir);
    Fd f(d ? openat(d.get(), s->name.c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC) : -1);
    if (!f || write_all(f.get(), content_of(*s->entry, scratch), s->name)) return false;
  }
  auto again = stamp_tree(rootfd);
  if (!again) return false;
  stamps = std::move(*again);
  return true;
}

// Two fixtures that differ at most in the modes of entries that have one.
bool modes_only(const std::vector<FixtureEntry>& a, const std::vector<FixtureEntry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    FixtureEntry x = a[i];
    x.mode = b[i].mode;
    if (x != b[i]) return false;
  }
  return true;
}

// Gives each entry of `plan` whose mode differs from `was` its new mode.
bool set_modes(int rootfd, const Plan& plan, const std::vector<FixtureEntry>& was) {
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& s = plan.steps[i];
    using K = FixtureEntry::Kind;
    if (s.entry->mode == was[i].mode || s.entry->kind == K::Symlink || s.entry->kind == K::Probe) continue;
    Fd d = open_existing_dir(rootfd, s.dir);
    if (!d || fchmodat(d.get(), s.name.c_str(), s.entry->mode, 0) != 0) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> remove_contents(int dirfd, const std::string& where) {
  auto names = list_dir(dirfd);
  if (!names) return sys_error("opendir", where);
  for (const auto& n : *names) {
    auto path = where + "/" + n;
    struct stat st;
    if (fstatat(dirfd, n.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return sys_error("fstatat", path);
    if (S_ISDIR(st.st_mode)) {
      Fd sub = open_subdir(dirfd, n);
      if (!sub) return sys_error("open", path);
      if (fchmod(sub.get(), 0700) != 0) return sys_error("fchmod", path);
      if (auto e = remove_contents(sub.get(), path)) return e;
    }
    if (unlinkat(dirfd, n.c_str(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0) return sys_error("unlinkat", path);
  }
  return std::nullopt;
}

Scratch::Scratch(const std::string& probe_binary) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string tmpdir = tmp && *tmp ? tmp : "/tmp";
  // What runs killed before they could clean up left behind (scratch_owner.h).
  static std::once_flag swept;
  std::call_once(swept, [&] { sweep_scratch(tmpdir); });
  std::string tmpl = tmpdir + "/spawncheck.XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error(sys_error("mkdtemp", tmpl));
  dir_ = tmpl;
  try {
    {
      Fd marker(open((tmpl + "/" + kOwnerMarker).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (!marker) throw std::runtime_error(sys_error("open", tmpl + "/" + kOwnerMarker));
      if (auto e = write_all(marker.get(), owner_marker(), kOwnerMarker)) throw std::runtime_error(*e);
    }
    // getcwd() in the agent and the probe reports resolved paths.
    char real[PATH_MAX];
    if (!realpath(tmpl.c_str(), real)) throw std::runtime_error(sys_error("realpath", tmpl));
    dir_ = real;
    root_ = dir_ + "/root";
    probe_ = dir_ + "/sc/probe";
    for (const auto& d : {dir_ + "/sc", root_})
      if (mkdir(d.c_str(), 0700) != 0 || chmod(d.c_str(), 0755) != 0) throw std::runtime_error(sys_error("mkdir", d));
    Fd in(open(probe_binary.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in) throw std::runtime_error(sys_error("open", probe_binary));
    Fd out(open(probe_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700));
    if (!out) throw std::runtime_error(sys_error("open", probe_));
    char buf[1 << 16];
    for (;;) {
      auto n = read(in.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error(sys_error("read", probe_binary));
      if (n == 0) break;
      if (auto e = write_all(out.get(), std::string_view(buf, static_cast<std::size_t>(n)), probe_))
        throw std::runtime_error(*e);
    }
    if (fchmod(out.get(), 0755) != 0) throw std::runtime_error(sys_error("fchmod", probe_));
    // Without it (fs.inotify limits reached), every build walks root/.
    inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  } catch (...) {
    remove_all();
    throw;
  }
}

Scratch::~Scratch() {
  if (inotify_ >= 0) close(inotify_);
  remove_all();
}

void Scratch::remove_all() const {
  Fd fd(open(dir_.c_str(), kDirFlags));
  if (fd) remove_contents(fd.get(), dir_);
  rmdir(dir_.c_str());
}

std::string Scratch::build_fixture(const Case& c) const {
  Plan plan;
  if (auto e = plan_fixture(c, plan)) return *e;
  if (auto e = check_case_paths(c, plan.tree)) return *e;
  Fd root(open(root_.c_str(), kDirFlags));
  if (!root) return sys_error("open", root_);
  // Most runs change nothing in root/, and most others only create or
  // truncate a file: undoing that costs a walk, rebuilding costs every
  // entry twice over.
  const bool same = built_ && *built_ == c.fixture;
  if (same && !changed()) return {};
  if (built_ && modes_only(*built_, c.fixture) && restore(root.get(), plan, stamps_, dir_) &&
      set_modes(root.get(), plan, *built_)) {
    if (auto st = same ? std::optional<Stamps>(stamps_) : stamp_tree(root.get())) {
      stamps_ = std::move(*st);
      built_ = c.fixture;
      watch();
      return {};
    }
  }
  built_.reset();
  if (auto e = remove_contents(root.get(), root_)) return *e;
  auto path_of = [&](const Plan::Step& s) { return root_ + "/" + join(s.dir) + (s.dir.empty() ? "" : "/") + s.name; };
  std::string error;
  for (const auto& s : plan.steps) {
    Fd dir = open_dirs(root.get(), s.dir, root_, error);
    if (!dir) return error;
    if (auto e = create(dir.get(), s, path_of(s), dir_)) return *e;
  }
  for (auto s = plan.steps.rbegin(); s != plan.steps.rend(); ++s) {
    if (s->entry->kind != FixtureEntry::Kind::Dir) continue;
    auto path = path_of(*s);
    Fd parent = open_dirs(root.get(), s->dir, root_, error);
    if (!parent) return error;
    Fd dir(openat(parent.get(), s->name.c_str(), kDirFlags));
    if (!dir || fchmod(dir.get(), s->entry->mode) != 0) return sys_error("chmod", path);
  }
  if (auto st = stamp_tree(root.get())) {
    stamps_ = std::move(*st);
    built_ = c.fixture;
    built_ids_ = walk_identities(c);
    watch();
  }
  return {};
}

bool Scratch::changed() const {
  if (inotify_ < 0) return true;
  alignas(inotify_event) char buf[4096];
  while (read(inotify_, buf, sizeof buf) > 0) dirty_ = true;
  return dirty_;
}

void Scratch::watch() const {
  if (inotify_ < 0) return;
  // Everything that adds, removes, renames, writes or chmods an entry of a
  // watched directory; opening and reading do not count.
  constexpr std::uint32_t kMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO |
                                  IN_DELETE_SELF | IN_MOVE_SELF;
  bool ok = true;
  for (const auto& [path, st] : stamps_) {
    if (!S_ISDIR(st.mode)) continue;
    // A directory we cannot read (0000, not as root) cannot be written by
    // the child either.
    if (inotify_add_watch(inotify_, (root_ + "/" + path).c_str(), kMask | IN_DONT_FOLLOW | IN_ONLYDIR) < 0 &&
        errno != EACCES)
      ok = false;
  }
  alignas(inotify_event) char buf[4096];
  while (read(inotify_, buf, sizeof buf) > 0) {
  }
  dirty_ = !ok;
}

IdentityMap Scratch::identities(const Case& c) const {
  if (built_ && *built_ == c.fixture && !changed()) return built_ids_;
  return walk_identities(c);
}

IdentityMap Scratch::walk_identities(const Case& c) const {
  IdentityMap ids;
  auto offer = [&](const struct stat& st, const std::string& path) {
    auto key = std::make_tuple(major(st.st_dev), minor(st.st_dev), static_cast<std::uint64_t>(st.st_ino));
    auto value = "path:" + path;
    auto it = ids.find(key);
    // Several names for one object (hard links): the shortest, then the first in byte order.
    if (it == ids.end() || value.size() < it->second.size() || (value.size() == it->second.size() && value < it->second))
      ids[key] = value;
  };
  auto walk = [&](auto& self, int dirfd, const std::string& rel) -> void {
    auto names = list_dir(dirfd);
    if (!names) return;
    for (const auto& n : *names) {
      struct stat st;
      if (fstatat(dirfd, n.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISLNK(st.st_mode)) continue;
      auto path = rel.empty() ? n : rel + "/" + n;
      offer(st, path);
      if (!S_ISDIR(st.st_mode)) continue;
      Fd sub(openat(dirfd, n.c_str(), kDirFlags));
      if (sub) self(self, sub.get(), path);
    }
  };
  Fd root(open(root_.c_str(), kDirFlags));
  struct stat st;
  if (!root || fstat(root.get(), &st) != 0) return ids;
  offer(st, ".");
  walk(walk, root.get(), "");
  // A probe entry leads out of root/ to sc/probe; name it by the entry.
  Plan plan;
  if (stat(probe_.c_str(), &st) == 0 && !plan_fixture(c, plan))
    for (const auto& s : plan.steps)
      if (s.entry->kind == FixtureEntry::Kind::Probe) {
        auto at = s.dir;
        at.push_back(s.name);
        offer(st, join(at));
      }
  return ids;
}

}  // namespace sc
