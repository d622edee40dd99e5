// model_fds.h — a process's descriptor table over shared open file
// descriptions (internal).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model_common.h"

namespace sc::mdl {

// An open file description: what dup'd descriptors share.
struct Description {
  int node = -1;            // SimFs node; -1 for a parent pipe or the libc's own pipe
  std::string identity;     // "path:…" / "pipe:<read fd>"
  std::string kind;         // reg dir fifo
  Access access = Access::Read;
  OFlags status = 0;        // O_APPEND|O_NONBLOCK|O_SYNC
  std::optional<std::uint64_t> offset;  // regular files only
  bool hidden = false;      // the libc's error pipe: never reaches the program
};

struct Slot {
  std::size_t desc = 0;
  bool cloexec = false;
};

class FdTable {
 public:
  std::size_t describe(Description d) {
    descs_.push_back(std::move(d));
    return descs_.size() - 1;
  }
  const Description& desc(std::size_t i) const { return descs_.at(i); }

  bool is_open(int fd) const { return slots_.count(fd) != 0; }
  const Slot& at(int fd) const { return slots_.at(fd); }
  void set(int fd, Slot s) { slots_[fd] = s; }
  void close(int fd) { slots_.erase(fd); }
  void set_cloexec(int fd, bool on) { slots_.at(fd).cloexec = on; }
  // open(2): "the file descriptor returned ... will be the lowest-numbered
  // file descriptor not currently open for the process".
  int lowest_free() const {
    int fd = 0;
    for (const auto& [n, s] : slots_) {
      if (n != fd) break;
      ++fd;
    }
    return fd;
  }
  const std::map<int, Slot>& slots() const { return slots_; }

 private:
  std::vector<Description> descs_;
  std::map<int, Slot> slots_;
};

}  // namespace sc::mdl
