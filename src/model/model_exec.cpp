// model_exec.cpp — execve(2) errors, the argument-size limit, #! scripts
// and the posix_spawnp PATH search.
//
// Order of execve's checks on Linux >= 6.8 (measured on 6.18): the file is
// opened first (ENOENT ENOTDIR ELOOP ENAMETOOLONG EACCES ETXTBSY), then
// argv/envp are copied (E2BIG), then a binary format is chosen (ENOEXEC,
// or the #! rewrite, whose extra strings can still give E2BIG).
#include "model_exec.h"

#include <algorithm>

namespace sc::mdl {
namespace {

// fs/exec.c: MAX_ARG_STRLEN, 32 pages; a string of 131071 bytes plus its
// NUL passes, 131072 gives E2BIG (measured).
constexpr std::uint64_t kMaxArgStrlen = 131072;
// bprm_stack_limits(): the limit is RLIMIT_STACK/4, at most _STK_LIM/4*3
// (6 MiB) and never below ARG_MAX (32 pages).
constexpr std::uint64_t kLimitFloor = 131072, kLimitCap = 6u << 20;
// Measured with an 8 MiB stack: E2BIG exactly when strings + 8 * pointers
// exceeds the limit. The slack covers 4-byte pointers (32-bit targets) and
// a libc passing a slightly different path; below a 512 KiB stack the
// kernel also runs out of stack pages first (measured: up to 28 KiB early).
constexpr std::uint64_t kSlack = 1024, kSmallStackSlack = 32768;

std::uint64_t string_bytes(const std::vector<std::string>& v) {
  std::uint64_t n = 0;
  for (const auto& s : v) n += s.size() + 1;
  return n;
}

bool any_too_long(const std::vector<std::string>& v) {
  return std::any_of(v.begin(), v.end(), [](const std::string& s) { return s.size() + 1 > kMaxArgStrlen; });
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

// execve(2) E2BIG: "The total number of bytes in the environment (envp)
// and argument list (argv) is too large, an argument or environment
// string is too long". The kernel counts every string with its NUL (the
// path too) plus one pointer per argv and envp entry (argc at least 1).
Err Exec::fits(std::uint64_t bytes, std::uint64_t pointers, const char* what) const {
  const std::uint64_t need = bytes + 8 * pointers;
  std::uint64_t lo = kLimitFloor, hi = kLimitCap;
  if (env_.arg_max) lo = hi = std::clamp<std::uint64_t>(env_.arg_max, kLimitFloor, kLimitCap);
  const std::uint64_t slack = kSlack + 4 * pointers;
  const std::uint64_t small = lo <= kLimitFloor ? kSmallStackSlack : 0;
  if (need > hi + slack) {
    trace_.push_back(std::string("execve: ") + what + " need " + std::to_string(need) + " bytes > limit " +
                     std::to_string(hi) + ": E2BIG");
    return "E2BIG";
  }
  if (need + slack + small <= lo) return "";
  unpredictable(std::string(what) + " need " + std::to_string(need) + " bytes, too close to the execve limit (" +
                (env_.arg_max ? std::to_string(hi) : "unknown, 128 KiB..6 MiB") + ")");
}

ExecResult Exec::path(const std::string& path) const {
  auto f = fs_.resolve(cwd_, path, true);
  if (!f.err.empty()) {
    trace_.push_back("execve(\"" + path + "\"): " + f.err);
    return {f.err, {}};
  }
  const Node& n = fs_.node(f.node);
  // execve(2) EACCES: "The file or a script interpreter is not a regular
  // file" / "Execute permission is denied for the file".
  if (!fs_.may_exec(n)) {
    trace_.push_back("execve(\"" + path + "\"): " + SimFs::kind_name(n) +
                     (n.type == Node::Type::Reg ? " without execute permission" : ", not a regular file") +
                     ": EACCES");
    return {"EACCES", {}};
  }
  // execve(2) ETXTBSY: "The specified executable was open for writing by
  // one or more processes" — any descriptor of the caller or the child,
  // close-on-exec ones included (measured: they close only after the check).
  if (open_for_writing_(f.node)) {
    trace_.push_back("execve(\"" + path + "\"): open for writing: ETXTBSY");
    return {"ETXTBSY", {}};
  }
  if (any_too_long(argv_) || any_too_long(envp_)) {
    trace_.push_back("execve: a string of 131072 bytes or more: E2BIG");
    return {"E2BIG", {}};
  }
  // Linux >= 5.18: an empty argv gets "" as argv[0] (its byte counts).
  const std::uint64_t bytes = path.size() + 1 + string_bytes(envp_) + string_bytes(argv_) + (argv_.empty() ? 1 : 0);
  const std::uint64_t pointers = std::max<std::uint64_t>(argv_.size(), 1) + envp_.size();
  if (auto e = fits(bytes, pointers, "argv+envp"); !e.empty()) return {e, {}};

  if (n.type == Node::Type::ProbeBinary) {
    trace_.push_back("execve(\"" + path + "\"): runs the probe");
    if (argv_.empty()) return {"", {""}};
    return {"", argv_};
  }
  if (starts_with(n.content, "#!")) {
    if (starts_with(n.content, "#!" + env_.probe_path + "\n")) return script(path);
    unpredictable("\"" + path + "\" starts with a #! line that does not name the probe");
  }
  if (starts_with(n.content, "\x7f" "ELF")) unpredictable("\"" + path + "\" looks like an ELF binary");
  // POSIX.1-2024 posix_spawn: no shell fallback for ENOEXEC (unlike execvp).
  trace_.push_back("execve(\"" + path + "\"): no binary format recognises it: ENOEXEC");
  return {"ENOEXEC", {}};
}

// execve(2) "Interpreter scripts": the interpreter gets argv
// [interpreter, pathname, argv[1]...]; pathname is the path as passed.
ExecResult Exec::script(const std::string& path) const {
  const auto& probe = env_.probe_path;
  // binfmt_script reads the #! line from the first BINPRM_BUF_SIZE (256)
  // bytes and splits it at blanks.
  if (probe.size() + 3 > 256 || probe.find_first_of(" \t") != std::string::npos)
    unpredictable("probe path \"" + probe + "\" does not fit a #! line");
  if (fs_.probe_binary() >= 0 && open_for_writing_(fs_.probe_binary())) {
    trace_.push_back("execve(\"" + path + "\"): the interpreter is open for writing: ETXTBSY");
    return {"ETXTBSY", {}};
  }
  // The interpreter line replaces argv[0] (the "" of an empty argv too).
  std::uint64_t bytes = path.size() + 1 + string_bytes(envp_) + string_bytes(argv_) + (argv_.empty() ? 1 : 0);
  bytes = bytes - (argv_.empty() ? 1 : argv_[0].size() + 1) + (path.size() + 1) + (probe.size() + 1);
  const std::uint64_t pointers = std::max<std::uint64_t>(argv_.size(), 1) + envp_.size();
  if (auto e = fits(bytes, pointers, "argv+envp after the #! rewrite"); !e.empty()) return {e, {}};
  std::vector<std::string> argv{std::string(kProbeLabel), path};
  if (argv_.size() > 1) argv.insert(argv.end(), argv_.begin() + 1, argv_.end());
  trace_.push_back("execve(\"" + path + "\"): #! script: argv = [probe, \"" + path + "\", argv[1]...]");
  return {"", argv};
}

// glibc __execvpex and musl __execvpe (what their posix_spawnp run):
// a file with '/' is used as is; "" is ENOENT; each PATH element is tried
// in order ("" = the cwd, the file name alone), EACCES is remembered,
// ENOENT and ENOTDIR move on, any other error ends the search (ENOEXEC:
// no shell fallback). A name over NAME_MAX: LONG_NAME (choices.def).
ExecResult Exec::search(const std::string& file, const std::vector<std::string>& caller_env,
                        const std::function<unsigned()>& long_name, const std::function<unsigned()>& unset_path,
                        const std::string& system_dirs) const {
  if (file.find('/') != std::string::npos) return path(file);
  if (file.empty()) {
    trace_.push_back("posix_spawnp(\"\"): ENOENT");
    return {"ENOENT", {}};
  }
  if (file.size() > 255 && long_name() != 0) {
    trace_.push_back("posix_spawnp: file name longer than NAME_MAX: ENAMETOOLONG");
    return {"ENAMETOOLONG", {}};
  }
  auto it = std::find_if(caller_env.begin(), caller_env.end(),
                         [](const std::string& e) { return starts_with(e, "PATH="); });
  std::string path_var;
  if (it != caller_env.end()) {
    path_var = it->substr(5);
  } else {
    path_var = unset_path() == 0 ? system_dirs : ":" + system_dirs;
    trace_.push_back("posix_spawnp: PATH unset, the implementation's default \"" + path_var + "\"");
  }
  if (path_var.size() >= 4095) unpredictable("PATH of 4095 bytes or more (libcs cut it at PATH_MAX)");
  bool eacces = false;
  Err last = "ENOENT";
  std::size_t from = 0;
  for (;;) {
    auto end = std::min(path_var.find(':', from), path_var.size());
    std::string dir = path_var.substr(from, end - from);
    if (!dir.empty() && dir[0] == '/') {
      trace_.push_back("posix_spawnp: PATH entry \"" + dir + "\" lies outside the scratch: taken as not found");
      last = "ENOENT";
    } else {
      auto r = path(dir.empty() ? file : dir + "/" + file);
      if (r.err.empty()) return r;
      if (r.err != "EACCES" && r.err != "ENOENT" && r.err != "ENOTDIR") return r;
      eacces = eacces || r.err == "EACCES";
      last = r.err;
    }
    if (end == path_var.size()) break;
    from = end + 1;
  }
  if (eacces) {
    trace_.push_back("posix_spawnp: nothing ran, an EACCES was seen: EACCES");
    return {"EACCES", {}};
  }
  return {last, {}};
}

}  // namespace sc::mdl
