// agent_reply.cpp — parsing the agent's RUN reply and the probe's report.
// The syntax is docs/protocol.md;
// the parsers are strict (exact spacing, known names only, no duplicate
// items) because both texts are machine-written and any deviation is an
// agent or probe bug to surface, not to guess around.
#include "agent_reply.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <span>

#include <fmt/format.h>

#include "surface.h"
#include "text_lines.h"

namespace sc {
namespace {

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
    auto n = decimal<int>(s.substr(0, comma));
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
    auto bit = oflag_named(s.substr(0, bar));
    // Exactly one access mode, first; every name at most once.
    if (!bit || (flags & *bit) || first != ((*bit & kAccessModes) != 0)) return std::nullopt;
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
  auto n = decimal<int>(w[0]);
  auto kind = field(w[1], "kind");
  auto dev = field(w[2], "dev");
  auto ino = field(w[3], "ino");
  auto flags = field(w[4], "flags");
  auto cloexec = field(w[5], "cloexec");
  auto off = field(w[6], "off");
  if (!n || *n < 0 || !kind || !dev || !ino || !flags || !cloexec || !off) return std::nullopt;
  fd.fd = *n;
  if (!is_file_type(*kind)) return std::nullopt;
  fd.kind = std::string(*kind);
  auto colon = dev->find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto major = decimal<unsigned>(dev->substr(0, colon));
  auto minor = decimal<unsigned>(dev->substr(colon + 1));
  auto inode = decimal<std::uint64_t>(*ino);
  auto fl = oflags(*flags);
  if (!major || !minor || !inode || !fl || (*cloexec != "0" && *cloexec != "1")) return std::nullopt;
  fd.major = *major;
  fd.minor = *minor;
  fd.ino = *inode;
  fd.flags = *fl;
  fd.cloexec = *cloexec == "1";
  if (*off != "-") {
    fd.offset = decimal<std::uint64_t>(*off);
    if (!fd.offset) return std::nullopt;
  }
  return fd;
}

// A signal as the agent names it (names.h sc_signal_name): SIGHUP..SIGSYS,
// SIGRT<n>, or a plain number.
std::optional<int> signal_number(std::string_view s) {
  std::optional<int> n = signal_named(s);
  if (!n) n = decimal<int>(s);
  if (!n || *n < 1 || *n > kMaxSignal) return std::nullopt;
  return n;
}

// The items probe reports and caller observations share, collected with
// duplicate detection. `error` is set on the first bad line.
struct Items {
  ProbeReport r;
  std::set<std::string, std::less<>> seen;  // single-valued keys met so far
  std::string error;

  bool fail(const Line& line, std::string_view expected) {
    error = at_line(line.no, "expected " + std::string(expected) + ", got " + quote(line.text));
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
      for (std::size_t i = 0; i < ids.size() && w.size() == ids.size(); ++i) ids[i] = decimal<std::uint32_t>(w[i]);
      if (!ids[0] || !ids[1] || !ids[2] || !ids[3]) return fail(line, "'ids <uid> <euid> <gid> <egid>'");
      r.uid = *ids[0], r.euid = *ids[1], r.gid = *ids[2], r.egid = *ids[3];
      return true;
    }
    auto n = decimal<long>(*rest);
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
constexpr std::string_view kSpawnKeys[] = {"backend", "ret",  "stage",  "pid",  "wait",
                                           "zombies", "errno", "self", "before", "after"};

// `stage none|init|action <i>|attr <setter>|spawn`.
std::optional<Stage> stage_of(std::string_view s) {
  using C = Stage::Call;
  auto [what, arg] = split_key(s);
  if (!arg) {
    if (what == "none") return Stage{};
    if (what == "init") return Stage{C::Init, 0};
    if (what == "spawn") return Stage{C::Spawn, 0};
    return std::nullopt;
  }
  if (what == "action") {
    auto i = decimal<std::uint32_t>(*arg);
    if (i) return Stage{C::Builder, *i};
  }
  if (what == "attr")
    for (auto setter : {AttrSetter::Flags, AttrSetter::Sigmask, AttrSetter::Sigdefault, AttrSetter::Pgroup})
      if (attr_setter_name(setter) == *arg) return Stage{C::Setter, static_cast<std::uint32_t>(setter)};
  return std::nullopt;
}

Parsed<ProbeReport> report_from_lines(std::span<const Line> lines, std::size_t end_no) {
  if (lines.empty() || lines[0].text != "probe 1") {
    auto no = lines.empty() ? end_no : lines[0].no;
    return {std::nullopt, at_line(no, "expected 'probe 1', got " + quote(lines.empty() ? "" : lines[0].text))};
  }
  Items items;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].text == "end") {
      if (i + 1 != lines.size())
        return {std::nullopt, at_line(lines[i + 1].no, "expected nothing after the report's 'end'")};
      if (auto k = items.missing(kReportKeys); !k.empty())
        return {std::nullopt, at_line(lines[i].no, "expected a '" + k + "' line before 'end'")};
      return {std::move(items.r), {}};
    }
    if (!items.item(lines[i], lines[i].text, true)) return {std::nullopt, items.error};
  }
  return {std::nullopt, at_line(end_no, "expected 'end': the report is truncated")};
}

// The first symbol that fills the action's builder slot (spawn_ops.def).
std::string_view symbol_of(Op op) {
  for (const auto& sym : symbols())
    if (sym.slot == action_info(op).slot) return sym.symbol;
  return action_info(op).name;
}

}  // namespace

Parsed<ProbeReport> parse_probe_report(std::string_view text) {
  auto lines = split_lines(text);
  return report_from_lines(lines, lines.back().no);
}

Parsed<AgentReply> parse_agent_reply(std::string_view text, ReplyTo to) {
  auto lines = split_lines(text);
  auto fail = [](const Line& line, std::string_view expected) {
    return Parsed<AgentReply>{std::nullopt,
                              at_line(line.no, "expected " + std::string(expected) + ", got " + quote(line.text))};
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
      if (to != ReplyTo::Scenario) return fail(line, "a spawn reply item (no 'scenario' lines)");
      if (kv.first.empty() || !kv.second) return fail(line, "'scenario <key> <value...>'");
      reply.scenario.emplace_back(kv.first, *kv.second);
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
      } else if (what == "unsupported" && reason && reason->starts_with("action ") && action_named(reason->substr(7))) {
        reply.result = R::Unsupported;
        reply.missing_action = action_named(reason->substr(7));
        reply.reason = fmt::format("the implementation lacks {}", symbol_of(*reply.missing_action));
      } else if ((what == "broken" || what == "unsupported") && reason && !reason->empty()) {
        reply.result = what == "broken" ? R::Broken : R::Unsupported;
        reply.reason = std::string(*reason);
      } else if (what == "crashed" && reason && signal_number(*reason)) {
        reply.result = R::Crashed;
        reply.reason = std::string(*reason);
      } else {
        return fail(line, "'result ok|timeout|crashed <SIGNAME|n>|broken <reason>|unsupported action <name>|unsupported "
                          "<reason>'");
      }
    } else if (key == "ret" || key == "errno") {
      if (!is_errno_name(*rest)) return fail(line, "'" + std::string(key) + " <0|errno name|E#n>'");
      (key == "ret" ? reply.ret : reply.errno_after) = std::string(*rest);
    } else if (key == "stage") {
      auto st = stage_of(*rest);
      if (!st) return fail(line, "'stage none|init|action <n>|attr <posix_spawnattr_set...>|spawn'");
      reply.stage = *st;
    } else if (key == "pid") {
      auto n = decimal<long>(*rest);
      if (!n || *n < -1) return fail(line, "'pid <n>' (-1 when untouched)");
      reply.pid = *n;
    } else if (key == "zombies") {
      auto n = decimal<int>(*rest);
      if (!n || *n < 0) return fail(line, "'zombies <count>'");
      reply.zombies = *n;
    } else if (key == "wait") {
      using W = AgentReply::Wait;
      auto [how, arg] = split_key(*rest);
      int code = arg ? decimal<int>(*arg).value_or(-1) : -1;
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
      for (std::size_t j = 0; j < ids.size() && w.size() == ids.size(); ++j) ids[j] = decimal<long>(w[j]);
      if (!ids[0] || !ids[1] || !ids[2]) return fail(line, "'self <pid> <pgid> <sid>'");
      reply.self_pid = *ids[0], reply.self_pgid = *ids[1], reply.self_sid = *ids[2];
    } else {
      return fail(line,
                  "a reply item (backend result ret stage pid wait zombies errno self before after probe "
                  "probe-missing scenario end)");
    }
  }
  if (lines.back().text != "end")
    return {std::nullopt, at_line(lines.back().no + 1, "expected 'end': the reply is truncated")};
  const std::size_t end_no = lines.back().no;
  auto missing = [&](std::string_view what) {
    return Parsed<AgentReply>{std::nullopt, at_line(end_no, "expected " + std::string(what) + " before 'end'")};
  };
  if (!seen.contains("result")) return missing("a 'result' line");
  if (!probe_lines.empty() && seen.contains("probe-missing"))
    return {std::nullopt, at_line(probe_lines[0].no, "expected either 'probe' lines or 'probe-missing', not both")};
  // A spawn that ran reports every side of it; a scenario that ran, what
  // it left behind.
  if (reply.result == AgentReply::Result::Ok && to == ReplyTo::Spawn) {
    for (std::string_view k : kSpawnKeys)
      if (!seen.contains(k)) return missing("a '" + std::string(k) + "' line");
    if (probe_lines.empty() && !seen.contains("probe-missing")) return missing("'probe' lines or 'probe-missing'");
  }
  if (reply.result == AgentReply::Result::Ok && to == ReplyTo::Scenario && !seen.contains("zombies"))
    return missing("a 'zombies' line");
  if (seen.contains("stage") && (reply.ret == "0") != (reply.stage.call == Stage::Call::None))
    return missing("a 'stage' that names the failed call exactly when 'ret' is an error");
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

std::string format_probe_fd(const ProbeFd& fd) {
  std::string s = "fd " + std::to_string(fd.fd) + " kind=" + fd.kind + " dev=" + std::to_string(fd.major) + ":" +
                  std::to_string(fd.minor) + " ino=" + std::to_string(fd.ino) + " flags=";
  s += oflags_text(fd.flags);
  s += fd.cloexec ? " cloexec=1 off=" : " cloexec=0 off=";
  s += fd.offset ? std::to_string(*fd.offset) : "-";
  return s;
}

}  // namespace sc
