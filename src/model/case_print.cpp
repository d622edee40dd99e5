// case_print.cpp — the canonical text of a Case, and the tables the reader
// shares with it (case_text.h). The printer is the one place the canonical
// spelling is decided: lists in spawn_ops.def order, defaults omitted,
// numbers without leading zeros, modes as 4 octal digits.
#include "case_format.h"
#include "case_text.h"

#include <algorithm>
#include <span>
#include <stdexcept>

#include <fmt/format.h>

namespace sc {
namespace casetext {

const DirectiveInfo kDirectives[kSlotCount] = {
    {"spawncheck-case", false, true}, {"name", false, true},           {"fixture", true, false},
    {"parent cwd", false, false},     {"parent umask", false, false},  {"parent fd", true, false},
    {"parent sigmask", false, false}, {"parent sigign", false, false}, {"parent sigcatch", false, false},
    {"parent env", false, false},     {"call", false, true},           {"argv", false, true},
    {"envp", false, true},            {"action", true, false},         {"attr flags", false, false},
    {"attr sigmask", false, false},   {"attr sigdefault", false, false}, {"attr pgroup", false, false},
    {"expect error", false, false},
};

namespace {

struct ArgKind {
  std::string_view word;
  Arg arg;
};
constexpr ArgKind kArgKinds[] = {
    {"fd", Arg::Fd}, {"newfd", Arg::NewFd}, {"path", Arg::Path}, {"oflags", Arg::OFlags}, {"mode", Arg::Mode}};

std::vector<Arg> parse_signature(std::string_view sig) {
  std::vector<Arg> args;
  while (!sig.empty()) {
    auto end = std::min(sig.find(' '), sig.size());
    auto word = sig.substr(0, end);
    auto kind = std::find_if(std::begin(kArgKinds), std::end(kArgKinds), [&](const ArgKind& k) { return k.word == word; });
    if (kind == std::end(kArgKinds)) throw std::logic_error("spawn_ops.def: unknown argument kind " + std::string(word));
    args.push_back(kind->arg);
    sig.remove_prefix(std::min(end + 1, sig.size()));
  }
  return args;
}

std::string arg_text(Arg k, const Action& a) {
  switch (k) {
    case Arg::Fd: return std::to_string(a.fd);
    case Arg::NewFd: return std::to_string(a.newfd);
    case Arg::Path: return case_quote(a.path);
    case Arg::OFlags: return oflags_text(a.oflags);
    case Arg::Mode: return octal4(a.mode);
  }
  return {};
}

std::string strings_text(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += " " + case_quote(s);
  return out;
}

std::string fixture_text(const FixtureEntry& e) {
  using K = FixtureEntry::Kind;
  auto line = fmt::format("fixture {} {}", kFixtureKindNames[static_cast<std::size_t>(e.kind)], case_quote(e.path));
  if (e.kind != K::Symlink && e.kind != K::Probe) line += " " + octal4(e.mode);
  if (e.kind == K::Symlink) line += " " + case_quote(e.target);
  if (e.kind == K::Script) line += e.shebang ? " shebang" : " noshebang";
  if (e.kind == K::File || e.kind == K::Script) line += " " + case_quote(e.content);
  return line;
}

std::string parent_fd_text(const ParentFd& f) {
  using K = ParentFd::Kind;
  auto line = fmt::format("parent fd {} {}", f.fd, kParentFdKindNames[static_cast<std::size_t>(f.kind)]);
  if (f.kind == K::Open) line += " " + case_quote(f.path) + " " + oflags_text(f.oflags);
  if (f.kind == K::PipeRead || f.kind == K::PipeWrite) line += " " + std::to_string(f.peer);
  if (f.cloexec) line += " cloexec";
  if (f.offset) line += " offset " + std::to_string(f.offset);
  return line;
}

std::string escaped_byte(unsigned char c) {
  switch (c) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\n': return "\\n";
    case '\t': return "\\t";
    default:
      if (c < 0x20 || c >= 0x7f) return fmt::format("\\x{:02x}", c);
      return std::string(1, static_cast<char>(c));
  }
}

std::string action_text(const Action& a) {
  auto line = "action " + std::string(action_info(a.op).name);
  for (Arg k : action_args(a.op)) line += " " + arg_text(k, a);
  return line;
}

}  // namespace

const std::vector<Arg>& action_args(Op op) {
  static const auto table = [] {
    std::vector<std::vector<Arg>> t;
    for (const auto& a : actions()) t.push_back(parse_signature(a.signature));
    return t;
  }();
  return table.at(static_cast<std::size_t>(op));
}

std::string octal4(std::uint32_t v) { return fmt::format("{:04o}", v); }

std::string sigset_text(SigSet set) {
  std::string out;
  for (int n = 1; n <= kMaxSignal; ++n)
    if (set & sigbit(n)) out += " " + signal_name(n);
  return out;
}

std::vector<DirectiveText> directive_texts(const Case& c) {
  std::vector<DirectiveText> d;
  auto add = [&](Slot s, std::string text) {
    std::size_t ordinal = !d.empty() && d.back().slot == s ? d.back().ordinal + 1 : 0;
    d.push_back({s, ordinal, std::move(text)});
  };
  add(kHeader, fmt::format("spawncheck-case {}", c.version));
  add(kName, "name " + c.name);
  for (const auto& e : c.fixture) add(kFixture, fixture_text(e));
  if (c.cwd != ".") add(kCwd, "parent cwd " + case_quote(c.cwd));
  if (c.umask != 022) add(kUmask, "parent umask " + octal4(c.umask));
  for (const auto& f : c.fds) add(kFd, parent_fd_text(f));
  if (c.sigmask) add(kPSigmask, "parent sigmask" + sigset_text(c.sigmask));
  if (c.sigign) add(kPSigign, "parent sigign" + sigset_text(c.sigign));
  if (c.sigcatch) add(kPSigcatch, "parent sigcatch" + sigset_text(c.sigcatch));
  if (!c.parent_env.empty()) add(kPEnv, "parent env" + strings_text(c.parent_env));
  add(kCall, fmt::format("call {} {}", c.func == Func::Spawn ? "posix_spawn" : "posix_spawnp", case_quote(c.program)));
  add(kArgv, "argv" + strings_text(c.argv));
  add(kEnvp, c.env_inherit ? "envp inherit" : "envp" + strings_text(c.envp));
  for (const auto& a : c.actions) add(kAction, action_text(a));
  if (c.attr.flags) add(kAFlags, "attr flags" + (*c.attr.flags ? " " + attrflags_text(*c.attr.flags) : ""));
  if (c.attr.sigmask) add(kASigmask, "attr sigmask" + sigset_text(*c.attr.sigmask));
  if (c.attr.sigdefault) add(kASigdef, "attr sigdefault" + sigset_text(*c.attr.sigdefault));
  if (c.attr.pgroup)
    add(kAPgroup, *c.attr.pgroup == kPgroupCaller ? "attr pgroup caller" : fmt::format("attr pgroup {}", *c.attr.pgroup));
  if (c.expect.error) add(kExpect, "expect error " + *c.expect.error);
  return d;
}

}  // namespace casetext

std::string case_quote(std::string_view bytes) {
  std::string out = "\"";
  for (char c : bytes) out += casetext::escaped_byte(static_cast<unsigned char>(c));
  return out + "\"";
}

std::string print_case(const Case& c) {
  auto d = casetext::directive_texts(c);
  std::string out;
  std::size_t t = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (; t < c.trivia.size() && c.trivia[t].before <= i; ++t) out += c.trivia[t].text + "\n";
    out += d[i].text + "\n";
  }
  for (; t < c.trivia.size(); ++t) out += c.trivia[t].text + "\n";
  return out;
}

std::string describe_surface() {
  using namespace casetext;
  auto names = [](auto&& range, auto name_of) {
    std::string out;
    for (const auto& x : range) out += (out.empty() ? "" : " ") + std::string(name_of(x));
    return out;
  };
  auto alias_list = [](std::span<const NameAlias> aliases) {
    std::string out;
    for (const auto& a : aliases) out += fmt::format("{}{} = {}", out.empty() ? "" : ", ", a.alias, a.name);
    return out;
  };
  std::string out =
      "Case files: docs/case-format.md. Names are shown as `spawncheck fmt` prints them; a case file may also use "
      "the other spellings listed there.\n\nFile actions (action <name> <arguments>):\n";
  for (const auto& a : actions())
    out += a.optional ? fmt::format("  {:<14}{:<22}optional (--impl may lack it)\n", a.name, a.signature)
                      : fmt::format("  {:<14}{}\n", a.name, a.signature);
  out += fmt::format(
      "  arguments: fd, newfd -1..{}; path \"quoted\"; oflags NAME|NAME (one access mode, O_RDONLY if none); mode "
      "octal\n\nOpen flags:\n  {}\n  also: {}\n\nAttribute flags (attr flags):\n  {}\n\nSignals:\n",
      kMaxFd, names(kOFlagTable, [](const OFlagInfo& f) { return f.name; }), alias_list(kOFlagAliases),
      names(kAttrFlagNames, [](std::string_view n) { return n; }));
  for (const auto& s : kSignalTable) out += fmt::format("  {:<10}{}\n", s.name, s.number);
  out += fmt::format("  SIGRT<n>  32+n, n = {}..{} (32..34 are reserved by the libc)\n  also: {}\n\n"
                     "Errno names (expect error):\n  0",
                     kFirstNamedRt - kRtBase, kMaxSignal - kRtBase, alias_list(kSignalAliases));
  for (const auto& e : errnos()) out += " " + std::string(e.name);
  out += "\n\nDirectives, in canonical order (* required, + repeatable):\n";
  for (const auto& d : kDirectives) out += fmt::format("  {}{}{}\n", d.keyword, d.required ? " *" : "", d.repeatable ? " +" : "");
  return out;
}

}  // namespace sc
