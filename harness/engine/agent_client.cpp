#include "agent_client.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <algorithm>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "interrupt.h"
#include "sys_error.h"
#include "wire.h"
#include "wire_encode.h"

extern char** environ;

namespace sc {
namespace {

std::mutex agents_mutex;
std::set<pid_t>& live_agents() {
  static std::set<pid_t> pids;
  return pids;
}

using Clock = std::chrono::steady_clock;

// How long a wait on the agent may go without looking for an interrupt.
constexpr long long kInterruptSliceMs = 100;

// Writes all of buf or fails with the errno; the agent may be dead (EPIPE
// is an error, not a signal: SIGPIPE is ignored process-wide by the caller).
std::string write_all(int fd, const std::string& buf) {
  std::size_t done = 0;
  while (done < buf.size()) {
    ssize_t n = ::write(fd, buf.data() + done, buf.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error("write", "agent");
    done += static_cast<std::size_t>(n);
  }
  return {};
}

// Reads exactly n bytes before the deadline.
std::string read_exact(int fd, std::size_t n, std::string& out, Clock::time_point deadline) {
  out.resize(n);
  std::size_t done = 0;
  while (done < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return "timeout";
    if (interrupted()) return interruption();
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kInterruptSliceMs)));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return sys_error("poll", "agent");
    if (r == 0) continue;
    ssize_t got = ::read(fd, out.data() + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return sys_error("read", "agent");
    if (got == 0) return "agent closed its output";
    done += static_cast<std::size_t>(got);
  }
  return {};
}

std::uint32_t le32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

}  // namespace

AgentClient::AgentClient(std::vector<std::string> command, std::string scratch, std::string probe)
    : command_(std::move(command)), scratch_(std::move(scratch)), probe_(std::move(probe)) {
  // Orphans of a killed agent must come back to us to be reaped.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  ::signal(SIGPIPE, SIG_IGN);
}

AgentClient::~AgentClient() { stop(); }

std::string AgentClient::start() {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return sys_error("pipe2");
  if (::pipe2(out, O_CLOEXEC) != 0) {
    int e = errno;
    ::close(in[0]), ::close(in[1]);
    return sys_error("pipe2", {}, e);
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  std::vector<char*> argv;
  for (auto& a : command_) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(in[0]), ::close(out[1]);
  if (rc != 0) {
    ::close(in[1]), ::close(out[0]);
    return sys_error("posix_spawn", command_[0], rc);
  }
  {
    std::lock_guard lock(agents_mutex);
    live_agents().insert(pid);
  }
  pid_ = pid, to_ = in[1], from_ = out[0];
  ++starts_;
  auto reply = exchange(encode_hello(scratch_, probe_), 10000);
  if (!reply.ok) {
    stop();
    return fmt::format("agent {} did not answer HELLO: {}", command_.back(), reply.error);
  }
  auto hello = parse_hello(reply.text);
  if (!hello) {
    stop();
    return fmt::format("agent {} HELLO: {}", command_.back(), hello.error);
  }
  hello_ = std::move(*hello.value);
  return {};
}

void AgentClient::stop() {
  if (pid_ < 0) return;
  (void)write_all(to_, encode_quit());
  ::close(to_), ::close(from_);
  // Bounded: a healthy agent exits at once on QUIT or EOF.
  int status = 0;
  for (int i = 0; i < 200 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) ::usleep(1000);
  if (::waitpid(pid_, &status, WNOHANG) == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  {
    std::lock_guard lock(agents_mutex);
    live_agents().erase(pid_);
  }
  pid_ = -1, to_ = from_ = -1;
  reap_strays();
}

AgentReplyFrame AgentClient::exchange(const std::string& frame, unsigned timeout_ms) {
  AgentReplyFrame r;
  if (auto e = write_all(to_, frame); !e.empty()) {
    r.error = e;
    return r;
  }
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string head, payload;
  if (auto e = read_exact(from_, 8, head, deadline); !e.empty()) {
    r.error = e == "timeout" ? fmt::format("agent timed out after {} ms", timeout_ms) : e;
    return r;
  }
  if (head.compare(0, 4, SC_WIRE_MAGIC) != 0) {
    r.error = "agent reply has no SCP1 magic";
    return r;
  }
  std::uint32_t len = le32(head, 4);
  if (len == 0 || len > SC_WIRE_MAX_PAYLOAD) {
    r.error = fmt::format("agent reply length {} out of range", len);
    return r;
  }
  if (auto e = read_exact(from_, len, payload, deadline); !e.empty()) {
    r.error = e == "timeout" ? fmt::format("agent timed out after {} ms", timeout_ms) : e;
    return r;
  }
  r.ok = true;
  r.text = payload.substr(1);
  return r;
}

std::string AgentClient::ensure_started() { return pid_ < 0 ? start() : std::string(); }

AgentReplyFrame AgentClient::request(const std::string& frame, unsigned timeout_ms) {
  if (auto e = ensure_started(); !e.empty()) return {false, {}, e};
  // The agent bounds the request itself; our margin covers its own
  // bookkeeping and a slow emulator.
  auto r = exchange(frame, timeout_ms + 5000);
  if (!r.ok) stop();  // dead or hung: the next request starts a fresh one
  return r;
}

int reap_strays() {
  std::set<pid_t> children;
  // /proc/self/task/*/children lists the children of each of our threads.
  std::string dir = "/proc/self/task";
  if (auto* d = ::opendir(dir.c_str())) {
    while (auto* e = ::readdir(d)) {
      if (e->d_name[0] == '.') continue;
      std::ifstream f(dir + "/" + e->d_name + "/children");
      pid_t p;
      while (f >> p) children.insert(p);
    }
    ::closedir(d);
  }
  int n = 0;
  std::lock_guard lock(agents_mutex);
  for (pid_t p : children) {
    if (live_agents().count(p)) continue;
    ::kill(p, SIGKILL);
    ::waitpid(p, nullptr, 0);
    ++n;
  }
  // Zombies do not appear in children lists; collect any that are ours.
  for (;;) {
    siginfo_t si{};
    if (::waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) != 0 || si.si_pid == 0) break;
    if (live_agents().count(si.si_pid)) break;
    ::waitpid(si.si_pid, nullptr, 0);
    ++n;
  }
  return n;
}

}  // namespace sc
