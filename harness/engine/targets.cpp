#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "backends.h"
#include "layout.h"
#include "sys_error.h"
#include "targets.h"

extern char** environ;

namespace sc {
namespace {

struct Built {
  std::string name, emulator, sysroot;  // emulator: a program name, looked up on PATH
  bool impl_agent = false;
};

const std::vector<Built>& built() {
  static const std::vector<Built> all = {
#define SC_TARGET(name, emulator, sysroot, impl_agent) {name, emulator, sysroot, impl_agent},
#include "spawncheck_targets.inc"
#undef SC_TARGET
  };
  return all;
}

// Runs argv with stdout and stdin on /dev/null for at most 5 s; "" when it
// exits 0, else its last stderr line or how it ended.
std::string run_quiet(const std::vector<std::string>& args) {
  int err[2];
  if (::pipe2(err, O_CLOEXEC) != 0) return sys_error("pipe2");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(err[1]);
  if (rc != 0) {
    ::close(err[0]);
    return sys_error("posix_spawn", args[0], rc);
  }
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ::close(err[0]);
      return fmt::format("{} timed out", args[0]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::string text(512, '\0');
  ssize_t n = ::read(err[0], text.data(), text.size());
  ::close(err[0]);
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  return text.empty() ? fmt::format("{} exited with status {}", args[0], status) : text;
}

// Whether this machine lets us register the target's ELF type with qemu in
// a namespace of our own ("" = yes), asked once per target.
std::string binfmt_trouble(const Built& b, const std::string& emulator) {
  static std::mutex mu;
  static std::map<std::string, std::string> known;
  std::lock_guard lock(mu);
  auto it = known.find(b.name);
  if (it == known.end())
    it = known.emplace(b.name, run_quiet({binfmt_path(), "--check", emulator, probe_path(b.name)})).first;
  return it->second;
}

// The absolute path of an executable `name` on PATH, or "".
std::string on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    auto colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return {};
    dirs.remove_prefix(colon + 1);
  }
}

// "" when the program is there, else which one is missing and why.
std::string missing(const std::string& path) {
  if (::access(path.c_str(), X_OK) == 0) return {};
  const auto& l = libexec();
  return l.dir.empty() ? l.error : sys_error("access", path);
}

const Built* find_built(const std::string& name) {
  for (const auto& b : built())
    if (b.name == name) return &b;
  return nullptr;
}

}  // namespace

const std::vector<std::string>& target_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"host"};
    for (const auto& b : built()) all.push_back(b.name);
    return all;
  }();
  return names;
}

TargetOrError resolve_target(const std::string& name, const std::string& backend, ProbeMode mode) {
  if (name == "host") {
    Target t = host_target();
    for (const auto& file : {t.agent[0], t.probe})
      if (auto e = missing(file); !e.empty()) return {std::nullopt, e};
    return {std::move(t), {}};
  }
  const Built* b = find_built(name);
  if (!b)
    return {std::nullopt,
            fmt::format("this build has no agent for target '{}' (built: {})", name, fmt::join(target_names(), ", "))};
  const bool impl = is_impl(backend);
  if (impl && b->emulator.empty())
    return {std::nullopt, fmt::format("target '{}' has a static agent only: --impl needs the host target", name)};
  if (impl && !b->impl_agent)
    return {std::nullopt, fmt::format("target '{}' has no dynamic agent for --impl (built for: {})", name,
                                      SPAWNCHECK_IMPL_TARGET)};
  const std::string agent_file = impl ? impl_agent_path(name) : agent_path(name), probe = probe_path(name);
  for (const auto& file : {agent_file, probe})
    if (auto e = missing(file); !e.empty()) return {std::nullopt, fmt::format("target '{}': {}", name, e)};
  Target t;
  t.name = name;
  if (b->emulator.empty()) {
    t.agent = {agent_file};
    t.probe = probe;
    t.how = "native";
    return {std::move(t), {}};
  }
  const std::string emulator = on_path(b->emulator);
  if (emulator.empty())
    return {std::nullopt, fmt::format("target '{}' runs under {}, which is not on PATH (Debian: qemu-user)", name,
                                      b->emulator)};
  if (impl && ::access(b->sysroot.c_str(), R_OK) != 0)
    return {std::nullopt, fmt::format("target '{}': --impl runs the dynamic agent on the cross libc in {}: {}", name,
                                      b->sysroot, sys_error("access", b->sysroot))};
  t.timeout_ms = 60000;
  std::vector<std::string> agent = {emulator};
  if (impl) agent.insert(agent.end(), {"-L", b->sysroot, agent_file});
  else agent.push_back(agent_file);
  const std::string& qemu = b->emulator;
  std::string trouble = mode == ProbeMode::Host ? "not asked for" : binfmt_trouble(*b, emulator);
  if (trouble.empty()) {
    agent.insert(agent.begin(), {binfmt_path(), emulator, probe});
    t.agent = std::move(agent);
    t.probe = probe;
    t.how = fmt::format("{}, {} probe through a private binfmt_misc", qemu, name);
    return {std::move(t), {}};
  }
  if (mode == ProbeMode::Binfmt)
    return {std::nullopt, fmt::format("target '{}': binfmt_misc cannot be registered here: {}", name, trouble)};
  t.agent = std::move(agent);
  t.probe = host_target().probe;
  t.host_probe_under_emulation = true;
  t.how = fmt::format("{}, host-native probe", qemu);
  return {std::move(t), {}};
}

std::string target_error(const std::string& name, const std::string& backend, ProbeMode mode) {
  return resolve_target(name, backend, mode).error;
}

Target host_target() { return {"host", {agent_path("host")}, probe_path("host"), "native"}; }

std::optional<Target> target_named(const std::string& name) { return resolve_target(name, "libc", ProbeMode::Auto).target; }

}  // namespace sc
