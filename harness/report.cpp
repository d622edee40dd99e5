// report.cpp — parsing the agent's RUN reply and the probe's report, and
// normalising a report into a ChildState. The syntax is docs/protocol.md;
// the parsers are strict (exact spacing, known names only, no duplicate
// items) because both texts are machine-written and any deviation is an
// agent or probe bug to surface, not to guess around.
#include "report.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <span>

namespace sc {
namespace {

constexpr std::string_view kOFlagNames[] = {
#define SC_OFLAG(NAME) #NAME,
#include "spawn_ops.def"
};
// spawn_ops.def lists the three access modes first.
constexpr OFlags kAccessModeBits = 0b111;

constexpr std::string_view kSignalNames[] = {
#define SC_SIGNAL(NAME, number) #NAME,
#include "spawn_ops.def"
};

constexpr std::string_view kErrnoNames[] = {
#define SC_ERRNO(NAME) #NAME,
#include "spawn_ops.def"
};

constexpr std::string_view kFdKinds[] = {"reg", "dir", "chr", "blk", "fifo", "sock", "lnk", "unknown"};

constexpr int kMaxSignal = 64;

struct Line {
  std::size_t no;  // 1-based, in the whole text
  std::string_view text;
};

// Input text in an error message: bounded, and printable whatever the bytes.
std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > kMax) out += "...";
  return out + "'";
}

// Splits at '\n'; a single final newline ends the last line rather than
// starting an empty one.
std::vector<Line> split_lines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<Line> lines;
  std::size_t no = 1;
  for (;;) {
    auto nl = text.find('\n');
    lines.push_back({no++, text.substr(0, nl)});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// The word before the first space, and what follows that space.
std::pair<std::string_view, std::optional<std::string_view>> split_key(std::string_view line) {
  auto sp = line.find(' ');
  if (sp == std::string_view::npos) return {line, std::nullopt};
  return {line.substr(0, sp), line.substr(sp + 1)};
}

// Single-space-separated words; an empty word (doubled, leading or trailing
// space) is a syntax error, reported by the caller as a missing field.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    auto sp = s.find(' ');
    out.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) return out;
    s.remove_prefix(sp + 1);
  }
}

template <class T>
std::optional<T> number(std::string_view s) {
  T v{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::string> unhex(std::string_view s) {
  if (s.empty() || s[0] != 'x' || s.size() % 2 == 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size() / 2);
  for (std::size_t i = 1; i < s.size(); i += 2) {
    int hi = digit(s[i]), lo = digit(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::optional<SigSet> sigset(std::string_view s) {
  if (s == "-") return SigSet{0};
  SigSet set = 0;
  int last = 0;
  for (;;) {
    auto comma = s.find(',');
    auto n = number<int>(s.substr(0, comma));
    if (!n || *n <= last || *n > kMaxSignal) return std::nullopt;
    set |= SigSet{1} << (*n - 1);
    last = *n;
    if (comma == std::string_view::npos) return set;
    s.remove_prefix(comma + 1);
  }
}

std::optional<std::uint32_t> umask_value(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '7') return std::nullopt;
    v = v * 8 + static_cast<std::uint32_t>(c - '0');
  }
  if (v > 0777) return std::nullopt;
  return v;
}

std::optional<OFlags> oflags(std::string_view s) {
  OFlags flags = 0;
  bool first = true;
  for (;;) {
    auto bar = s.find('|');
    auto name = s.substr(0, bar);
    std::optional<OFlags> bit;
    for (std::size_t i = 0; i < std::size(kOFlagNames); ++i)
      if (kOFlagNames[i] == name) bit = OFlags{1} << i;
    // Exactly one access mode, first; every name at most once.
    if (!bit || (flags & *bit) || first != ((*bit & kAccessModeBits) != 0)) return std::nullopt;
    flags |= *bit;
    first = false;
    if (bar == std::string_view::npos) return flags;
    s.remove_prefix(bar + 1);
  }
}

std::optional<std::string_view> field(std::string_view word, std::string_view name) {
  if (word.size() <= name.size() || word.substr(0, name.size()) != name || word[name.size()] != '=')
    return std::nullopt;
  return word.substr(name.size() + 1);
}

// `<n> kind=… dev=<maj>:<min> ino=<n> flags=… cloexec=<0|1> off=<n|->`, the
// part of an fd line after "fd ".
std::optional<ProbeFd> fd_line(std::string_view rest) {
  auto w = words(rest);
  if (w.size() != 7) return std::nullopt;
  ProbeFd fd;
  auto n = number<int>(w[0]);
  auto kind = field(w[1], "kind");
  auto dev = field(w[2], "dev");
  auto ino = field(w[3], "ino");
  auto flags = field(w[4], "flags");
  auto cloexec = field(w[5], "cloexec");
  auto off = field(w[6], "off");
  if (!n || *n < 0 || !kind || !dev || !ino || !flags || !cloexec || !off) return std::nullopt;
  fd.fd = *n;
  if (std::find(std::begin(kFdKinds), std::end(kFdKinds), *kind) == std::end(kFdKinds)) return std::nullopt;
  fd.kind = std::string(*kind);
  auto colon = dev->find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto major = number<unsigned>(dev->substr(0, colon));
  auto minor = number<unsigned>(dev->substr(colon + 1));
  auto inode = number<std::uint64_t>(*ino);
  auto fl = oflags(*flags);
  if (!major || !minor || !inode || !fl || (*cloexec != "0" && *cloexec != "1")) return std::nullopt;
  fd.major = *major;
  fd.minor = *minor;
  fd.ino = *inode;
  fd.flags = *fl;
  fd.cloexec = *cloexec == "1";
  if (*off != "-") {
    fd.offset = number<std::uint64_t>(*off);
    if (!fd.offset) return std::nullopt;
  }
  return fd;
}

bool is_errno_name(std::string_view s) {
  if (s == "0") return true;
  if (std::find(std::begin(kErrnoNames), std::end(kErrnoNames), s) != std::end(kErrnoNames)) return true;
  // spawn_ops.def: an unlisted number is reported as E#<n>; a negative one
  // (a spawn returning -1, the fork() convention) is an observation too.
  auto n = s.starts_with("E#") ? number<int>(s.substr(2)) : std::nullopt;
  return n && *n != 0;
}

// SIGHUP…SIGSYS, SIGRT<n> (number 32 + n) or a plain number.
std::optional<int> signal_number(std::string_view s) {
  for (std::size_t i = 0; i < std::size(kSignalNames); ++i)
    if (kSignalNames[i] == s) return static_cast<int>(i) + 1;
  std::optional<int> n = number<int>(s);
  if (s.starts_with("SIGRT")) {
    n = number<int>(s.substr(5));
    if (n) *n = *n < 0 ? 0 : *n + 32;  // 0: refused below
  }
  if (!n || *n < 1 || *n > kMaxSignal) return std::nullopt;
  return n;
}

std::string at(std::size_t no, std::string_view what) {
  return "line " + std::to_string(no) + ": " + std::string(what);
}

// The items probe reports and caller observations share, collected with
// duplicate detection. `error` is set on the first bad line.
struct Items {
  ProbeReport r;
  std::set<std::string, std::less<>> seen;  // single-valued keys met so far
  std::string error;

  bool fail(const Line& line, std::string_view expected) {
    error = at(line.no, "expected " + std::string(expected) + ", got " + quote(line.text));
    return false;
  }

  // One item; `text` is the line without any prefix. Keys other than the
  // caller subset are allowed only when `whole_report`.
  bool item(const Line& line, std::string_view text, bool whole_report) {
    auto [key, rest] = split_key(text);
    bool caller_key =
        key == "fd" || key == "sigmask" || key == "sigign" || key == "sigcatch" || key == "cwd" || key == "umask";
    bool report_key =
        key == "pid" || key == "ppid" || key == "pgid" || key == "sid" || key == "ids" || key == "arg" || key == "env";
    if (!caller_key && !(whole_report && report_key))
      return fail(line, whole_report ? "a probe report item" : "a caller item (fd sigmask sigign sigcatch cwd umask)");
    if (!rest) return fail(line, "'" + std::string(key) + " <value>'");
    bool repeatable = key == "fd" || key == "arg" || key == "env";
    if (!repeatable && !seen.emplace(key).second) return fail(line, "one '" + std::string(key) + "' line only");
    if (key == "fd") {
      auto fd = fd_line(*rest);
      if (!fd)
        return fail(line, "'fd <n> kind=<k> dev=<maj>:<min> ino=<n> flags=<mode|flag...> cloexec=<0|1> off=<n|->'");
      if (!r.fds.emplace(fd->fd, *fd).second) return fail(line, "each fd once");
      return true;
    }
    if (key == "sigmask" || key == "sigign" || key == "sigcatch") {
      auto set = sigset(*rest);
      if (!set) return fail(line, "ascending signal numbers 1..64 joined by ',', or '-'");
      (key == "sigmask" ? r.sigmask : key == "sigign" ? r.sigign : r.sigcatch) = *set;
      return true;
    }
    if (key == "umask") {
      auto m = umask_value(*rest);
      if (!m) return fail(line, "'umask <4 octal digits, at most 0777>'");
      r.umask = *m;
      return true;
    }
    if (key == "cwd" || key == "arg" || key == "env") {
      auto bytes = unhex(*rest);
      if (!bytes) return fail(line, "'" + std::string(key) + " x<lowercase hex, 2 digits per byte>'");
      if (key == "cwd")
        r.cwd = std::move(*bytes);
      else
        (key == "arg" ? r.argv : r.envp).push_back(std::move(*bytes));
      return true;
    }
    if (key == "ids") {
      auto w = words(*rest);
      std::array<std::optional<std::uint32_t>, 4> ids;
      for (std::size_t i = 0; i < ids.size() && w.size() == ids.size(); ++i) ids[i] = number<std::uint32_t>(w[i]);
      if (!ids[0] || !ids[1] || !ids[2] || !ids[3]) return fail(line, "'ids <uid> <euid> <gid> <egid>'");
      r.uid = *ids[0], r.euid = *ids[1], r.gid = *ids[2], r.egid = *ids[3];
      return true;
    }
    auto n = number<long>(*rest);
    if (!n || *n < 0) return fail(line, "'" + std::string(key) + " <non-negative number>'");
    (key == "pid" ? r.pid : key == "ppid" ? r.ppid : key == "pgid" ? r.pgid : r.sid) = *n;
    return true;
  }

  // Empty when every key in `required` was seen, else the first missing one.
  std::string missing(std::span<const std::string_view> required) const {
    for (auto k : required)
      if (!seen.contains(k)) return std::string(k);
    return {};
  }
};

constexpr std::string_view kReportKeys[] = {"pid",   "ppid", "pgid",    "sid",    "ids",
                                            "umask", "cwd",  "sigmask", "sigign", "sigcatch"};
constexpr std::string_view kCallerKeys[] = {"cwd", "umask", "sigmask", "sigign", "sigcatch"};
constexpr std::string_view kSpawnKeys[] = {"backend", "ret",  "pid",    "wait", "zombies",
                                           "errno",   "self", "before", "after"};

Parsed<ProbeReport> report_from_lines(std::span<const Line> lines, std::size_t end_no) {
  if (lines.empty() || lines[0].text != "probe 1") {
    auto no = lines.empty() ? end_no : lines[0].no;
    return {std::nullopt, at(no, "expected 'probe 1', got " + quote(lines.empty() ? "" : lines[0].text))};
  }
  Items items;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].text == "end") {
      if (i + 1 != lines.size())
        return {std::nullopt, at(lines[i + 1].no, "expected nothing after the report's 'end'")};
      if (auto k = items.missing(kReportKeys); !k.empty())
        return {std::nullopt, at(lines[i].no, "expected a '" + k + "' line before 'end'")};
      return {std::move(items.r), {}};
    }
    if (!items.item(lines[i], lines[i].text, true)) return {std::nullopt, items.error};
  }
  return {std::nullopt, at(end_no, "expected 'end': the report is truncated")};
}

}  // namespace

Parsed<ProbeReport> parse_probe_report(std::string_view text) {
  auto lines = split_lines(text);
  return report_from_lines(lines, lines.back().no);
}

Parsed<AgentReply> parse_agent_reply(std::string_view text) {
  auto lines = split_lines(text);
  auto fail = [](const Line& line, std::string_view expected) {
    return Parsed<AgentReply>{std::nullopt,
                              at(line.no, "expected " + std::string(expected) + ", got " + quote(line.text))};
  };
  if (lines[0].text != "agent 1") return fail(lines[0], "'agent 1'");
  AgentReply reply;
  Items before, after;
  std::vector<Line> probe_lines;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const Line& line = lines[i];
    auto [key, rest] = split_key(line.text);
    if (key == "before" || key == "after") {
      Items& items = key == "before" ? before : after;
      if (!rest) return fail(line, "'" + std::string(key) + " <item>'");
      if (!items.item(line, *rest, false)) return {std::nullopt, items.error};
      seen.emplace(key);
      continue;
    }
    if (key == "probe" && rest) {
      probe_lines.push_back({line.no, *rest});
      continue;
    }
    if (key == "scenario") {
      auto kv = rest ? split_key(*rest) : std::pair<std::string_view, std::optional<std::string_view>>{};
      if (kv.first.empty()) return fail(line, "'scenario <key> <value...>'");
      if (!reply.scenario.emplace(kv.first, kv.second.value_or("")).second) return fail(line, "each scenario key once");
      continue;
    }
    if (key == "end") {
      if (rest) return fail(line, "'end'");
      if (i + 1 != lines.size()) return fail(lines[i + 1], "nothing after 'end'");
      break;
    }
    if (!seen.emplace(key).second) return fail(line, "one '" + std::string(key) + "' line only");
    if (key == "probe-missing" && !rest) continue;
    if (!rest) return fail(line, "a reply item with a value");
    if (key == "backend") {
      if (rest->empty()) return fail(line, "'backend <name>'");
      reply.backend = std::string(*rest);
    } else if (key == "result") {
      auto [what, reason] = split_key(*rest);
      using R = AgentReply::Result;
      if ((what == "ok" || what == "timeout") && !reason) {
        reply.result = what == "ok" ? R::Ok : R::Timeout;
      } else if ((what == "broken" || what == "unsupported") && reason && !reason->empty()) {
        reply.result = what == "broken" ? R::Broken : R::Unsupported;
        reply.reason = std::string(*reason);
      } else if (what == "crashed" && reason && signal_number(*reason)) {
        reply.result = R::Crashed;
        reply.reason = std::string(*reason);
      } else {
        return fail(line, "'result ok|timeout|crashed <SIGNAME|n>|broken <reason>|unsupported <reason>'");
      }
    } else if (key == "ret" || key == "errno") {
      if (!is_errno_name(*rest)) return fail(line, "'" + std::string(key) + " <0|errno name|E#n>'");
      (key == "ret" ? reply.ret : reply.errno_after) = std::string(*rest);
    } else if (key == "pid") {
      auto n = number<long>(*rest);
      if (!n || *n < -1) return fail(line, "'pid <n>' (-1 when untouched)");
      reply.pid = *n;
    } else if (key == "zombies") {
      auto n = number<int>(*rest);
      if (!n || *n < 0) return fail(line, "'zombies <count>'");
      reply.zombies = *n;
    } else if (key == "wait") {
      using W = AgentReply::Wait;
      auto [how, arg] = split_key(*rest);
      int code = arg ? number<int>(*arg).value_or(-1) : -1;
      int sig = arg ? signal_number(*arg).value_or(0) : 0;
      if (how == "none" && !arg) {
        reply.wait = W::None;
      } else if (how == "timeout" && !arg) {
        reply.wait = W::Timeout;
      } else if (how == "exited" && code >= 0 && code <= 255) {
        reply.wait = W::Exited;
        reply.wait_code = code;
      } else if (how == "signaled" && sig > 0) {
        reply.wait = W::Signaled;
        reply.wait_code = sig;
        reply.wait_signal = std::string(*arg);
      } else {
        return fail(line, "'wait none|timeout|exited <0..255>|signaled <SIGNAME|n>'");
      }
    } else if (key == "self") {
      auto w = words(*rest);
      std::array<std::optional<long>, 3> ids;
      for (std::size_t j = 0; j < ids.size() && w.size() == ids.size(); ++j) ids[j] = number<long>(w[j]);
      if (!ids[0] || !ids[1] || !ids[2]) return fail(line, "'self <pid> <pgid> <sid>'");
      reply.self_pid = *ids[0], reply.self_pgid = *ids[1], reply.self_sid = *ids[2];
    } else {
      return fail(line,
                  "a reply item (backend result ret pid wait zombies errno self before after probe "
                  "probe-missing scenario end)");
    }
  }
  if (lines.back().text != "end")
    return {std::nullopt, at(lines.back().no + 1, "expected 'end': the reply is truncated")};
  const std::size_t end_no = lines.back().no;
  auto missing = [&](std::string_view what) {
    return Parsed<AgentReply>{std::nullopt, at(end_no, "expected " + std::string(what) + " before 'end'")};
  };
  if (!seen.contains("result")) return missing("a 'result' line");
  if (!probe_lines.empty() && seen.contains("probe-missing"))
    return {std::nullopt, at(probe_lines[0].no, "expected either 'probe' lines or 'probe-missing', not both")};
  // A spawn that ran (not a scenario) reports every side of it.
  if (reply.result == AgentReply::Result::Ok && reply.scenario.empty()) {
    for (std::string_view k : kSpawnKeys)
      if (!seen.contains(k)) return missing("a '" + std::string(k) + "' line");
    if (probe_lines.empty() && !seen.contains("probe-missing")) return missing("'probe' lines or 'probe-missing'");
  }
  // A caller state is whole or absent: a partial one cannot be compared.
  for (std::string_view which : {"before", "after"}) {
    Items& items = which == "before" ? before : after;
    if (auto k = items.missing(kCallerKeys); seen.contains(which) && !k.empty())
      return missing("'" + std::string(which) + " " + k + "'");
    (which == "before" ? reply.before : reply.after) = {std::move(items.r.fds), items.r.sigmask,        items.r.sigign,
                                                        items.r.sigcatch,       std::move(items.r.cwd), items.r.umask};
  }
  if (!probe_lines.empty()) {
    auto report = report_from_lines(probe_lines, probe_lines.back().no);
    if (!report) return {std::nullopt, report.error};
    reply.probe = std::move(report.value);
  }
  return {std::move(reply), {}};
}

FdState normalise(const ProbeFd& fd, const IdentityMap& ids) {
  FdState s;
  auto it = ids.find({fd.major, fd.minor, fd.ino});
  s.identity = it == ids.end() ? "other" : it->second;
  s.kind = fd.kind;
  s.flags = fd.flags;
  s.cloexec = fd.cloexec;
  // Only a regular file's offset is defined and compared (outcome.h).
  if (fd.kind == "reg") s.offset = fd.offset;
  return s;
}

ChildState normalise(const ProbeReport& report, const IdentityMap& ids, std::string_view scratch_root_dir,
                     long caller_pgid) {
  ChildState c;
  c.argv = report.argv;
  c.envp = report.envp;
  while (scratch_root_dir.size() > 1 && scratch_root_dir.back() == '/') scratch_root_dir.remove_suffix(1);
  std::string_view cwd = report.cwd;
  if (cwd == scratch_root_dir) {
    c.cwd = ".";
  } else if (cwd.starts_with(scratch_root_dir) && cwd.size() > scratch_root_dir.size() &&
             (cwd[scratch_root_dir.size()] == '/' || scratch_root_dir == "/")) {
    c.cwd = std::string(cwd.substr(scratch_root_dir.size() + (scratch_root_dir == "/" ? 0 : 1)));
  } else {
    c.cwd = "outside:" + report.cwd;
  }
  for (const auto& [n, fd] : report.fds) c.fds.emplace(n, normalise(fd, ids));
  c.sigmask = report.sigmask & ~kLibcInternalSignals;
  c.sigign = report.sigign & ~kLibcInternalSignals;
  c.sigcatch = report.sigcatch & ~kLibcInternalSignals;
  c.umask = report.umask;
  c.pgid_is_self = report.pgid == report.pid;
  c.pgid_is_parent_pgid = report.pgid == caller_pgid;
  c.sid_is_self = report.sid == report.pid;
  return c;
}

std::string format_probe_fd(const ProbeFd& fd) {
  std::string s = "fd " + std::to_string(fd.fd) + " kind=" + fd.kind + " dev=" + std::to_string(fd.major) + ":" +
                  std::to_string(fd.minor) + " ino=" + std::to_string(fd.ino) + " flags=";
  const char* sep = "";
  for (std::size_t i = 0; i < std::size(kOFlagNames); ++i) {
    if (!(fd.flags >> i & 1)) continue;
    s += sep;
    s += kOFlagNames[i];
    sep = "|";
  }
  s += fd.cloexec ? " cloexec=1 off=" : " cloexec=0 off=";
  s += fd.offset ? std::to_string(*fd.offset) : "-";
  return s;
}

}  // namespace sc
