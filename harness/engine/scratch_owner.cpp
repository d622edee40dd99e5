#include "scratch_owner.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "scratch.h"

namespace sc {
namespace {

constexpr std::string_view kMagic = "spawncheck scratch 1";

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Field 22 of /proc/<pid>/stat: when the process started, in clock ticks
// since boot; "" when there is no such process.
std::string start_time(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return {};
  auto paren = stat.rfind(')');  // the command name may hold spaces and ')'
  if (paren == std::string::npos) return {};
  std::istringstream rest(stat.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
  }
  return field;
}

std::string pid_namespace() {
  char buf[64];
  auto n = ::readlink("/proc/self/ns/pid", buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("unknown");
}

std::string boot_id() { return first_line("/proc/sys/kernel/random/boot_id"); }

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!std::isdigit(c)) return false;
  return true;
}

// spawncheck.XXXXXX as mkdtemp makes it.
bool scratch_name(std::string_view n) {
  constexpr std::string_view prefix = "spawncheck.";
  if (n.size() != prefix.size() + 6 || !n.starts_with(prefix)) return false;
  for (unsigned char c : n.substr(prefix.size()))
    if (!std::isalnum(c)) return false;
  return true;
}

// The marker in the directory open at dirfd, if it is a small regular file
// of ours, not a symlink.
std::optional<std::string> read_marker(int dirfd) {
  int fd = ::openat(dirfd, kOwnerMarker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::string text;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && st.st_size < 1024) {
    text.resize(static_cast<std::size_t>(st.st_size));
    auto n = ::read(fd, text.data(), text.size());
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  ::close(fd);
  return text.empty() ? std::nullopt : std::optional(text);
}

}  // namespace

std::string owner_marker() {
  return fmt::format("{}\npid {}\nstart {}\nboot {}\npidns {}\n", kMagic, ::getpid(),
                     start_time(std::to_string(::getpid())), boot_id(), pid_namespace());
}

std::optional<bool> owner_alive(const std::string& marker) {
  std::istringstream in(marker);
  std::string line, pid, start, boot, pidns;
  if (!std::getline(in, line) || line != kMagic) return std::nullopt;
  const std::pair<std::string_view, std::string*> fields[] = {{"pid", &pid}, {"start", &start}, {"boot", &boot},
                                                              {"pidns", &pidns}};
  for (const auto& [key, value] : fields) {
    if (!std::getline(in, line) || !line.starts_with(std::string(key) + " ")) return std::nullopt;
    *value = line.substr(key.size() + 1);
  }
  if (!all_digits(pid) || !all_digits(start) || boot.empty() || pidns.empty()) return std::nullopt;
  if (boot != boot_id()) return false;           // the machine restarted since
  if (pidns != pid_namespace()) return std::nullopt;  // its pids are not ours to look up
  return start_time(pid) == start;
}

int sweep_scratch(const std::string& tmpdir) {
  int top = ::open(tmpdir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (top < 0) return 0;
  int removed = 0;
  int listing = ::fcntl(top, F_DUPFD_CLOEXEC, 0);
  DIR* d = listing < 0 ? nullptr : ::fdopendir(listing);
  if (!d && listing >= 0) ::close(listing);
  if (d) {
    while (auto* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (!scratch_name(name)) continue;
      struct stat st, opened;
      if (::fstatat(top, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode) ||
          st.st_uid != ::geteuid())
        continue;
      int dir = ::openat(top, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (dir < 0) continue;
      // Still the directory looked at, and the marker says its owner is gone.
      bool dead = ::fstat(dir, &opened) == 0 && opened.st_dev == st.st_dev && opened.st_ino == st.st_ino;
      if (dead) {
        auto marker = read_marker(dir);
        auto alive = marker ? owner_alive(*marker) : std::nullopt;
        dead = alive.has_value() && !*alive;
      }
      if (dead && !remove_contents(dir, tmpdir + "/" + name) && ::unlinkat(top, name.c_str(), AT_REMOVEDIR) == 0)
        ++removed;
      ::close(dir);
    }
    ::closedir(d);
  }
  ::close(top);
  return removed;
}

}  // namespace sc
