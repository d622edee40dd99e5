// case_format.cpp — parsing and printing the case format. One table of
// directives fixes the section order; spawn_ops.def supplies every name and
// every action's argument list, so a new action or flag needs no code here.
// The grammar admits exactly one spelling of each Case (defaults are
// omitted, lists are ordered, numbers have no leading zeros), which is what
// makes both round trips exact.
#include "case_format.h"

#include "surface.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace sc {
namespace {

// Names of the flag tables in bit order, for Line::flags.
constexpr auto kOFlagNames = [] {
  std::array<std::string_view, kOFlagCount> names{};
  for (std::size_t i = 0; i < kOFlagCount; ++i) names[i] = kOFlagTable[i].name;
  return names;
}();

constexpr long long kMaxFd = 1048575;
constexpr int kFirstNamedRt = SC_SIGNAL_LIBC_LAST + 1;  // 32..34 belong to the libc

// Argument kinds of an SC_ACTION signature.
enum class Arg { Fd, NewFd, Path, OFlags, Mode };
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

const std::vector<Arg>& action_args(Op op) {
  static const auto table = [] {
    std::vector<std::vector<Arg>> t;
    for (const auto& a : actions()) t.push_back(parse_signature(a.signature));
    return t;
  }();
  return table.at(static_cast<std::size_t>(op));
}

// ---- canonical spelling ----------------------------------------------------

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

std::string sigset_to_string(SigSet set) {
  std::string out;
  for (int n = 1; n <= kMaxSignal; ++n)
    if (set & (SigSet{1} << (n - 1))) out += " " + signal_name(n);
  return out;
}

std::string octal4(std::uint32_t v) { return fmt::format("{:04o}", v); }

// The names of the set bits, in table order: the canonical spelling.
std::string join_bits(std::uint32_t bits, std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (bits >> i & 1) out += (out.empty() ? "" : "|") + std::string(names[i]);
  return out;
}

std::string join(std::span<const std::string_view> words, std::string_view sep) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : std::string(sep)) + std::string(w);
  return out;
}

// For hints: a hand-written `sigusr1` or `enoent` means the upper-case name.
std::string to_upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  return out;
}

// Input text inside an error message: backquoted, bounded, escaped.
std::string shown(std::string_view token) {
  constexpr std::size_t kMax = 48;
  std::string out = "`";
  for (std::size_t i = 0; i < token.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    out += (c < 0x20 || c >= 0x7f) ? fmt::format("\\x{:02x}", c) : std::string(1, static_cast<char>(c));
  }
  return out + (token.size() > kMax ? "...`" : "`");
}

// ---- the directive table ---------------------------------------------------

enum Slot : int {
  kHeader, kName, kFixture, kCwd, kUmask, kFd, kPSigmask, kPSigign, kPSigcatch, kPEnv,
  kCall, kArgv, kEnvp, kAction, kAFlags, kASigmask, kASigdef, kAPgroup, kExpect, kSlotCount
};
struct DirectiveInfo {
  std::string_view keyword;
  bool repeatable;
  bool required;
};
constexpr DirectiveInfo kDirectives[kSlotCount] = {
    {"spawncheck-case", false, true}, {"name", false, true},           {"fixture", true, false},
    {"parent cwd", false, false},     {"parent umask", false, false},  {"parent fd", true, false},
    {"parent sigmask", false, false}, {"parent sigign", false, false}, {"parent sigcatch", false, false},
    {"parent env", false, false},     {"call", false, true},           {"argv", false, true},
    {"envp", false, true},            {"action", true, false},         {"attr flags", false, false},
    {"attr sigmask", false, false},   {"attr sigdefault", false, false}, {"attr pgroup", false, false},
    {"expect error", false, false},
};


// ---- reading one line ------------------------------------------------------

struct ParseError {
  std::string message;
};

[[noreturn]] void fail_at(std::string_view file, std::size_t line, std::size_t pos, std::string_view expected,
                          std::string_view got) {
  throw ParseError{fmt::format("{}:{}:{}: expected {}, got {}", file, line, pos + 1, expected, got)};
}

class Line {
 public:
  Line(std::string_view file, std::size_t no, std::string_view text) : file_(file), no_(no), text_(text) {}

  std::size_t no() const { return no_; }
  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  [[noreturn]] void fail_at(std::size_t pos, std::string_view expected, std::string_view got) const {
    sc::fail_at(file_, no_, pos, expected, got);
  }
  [[noreturn]] void fail(std::size_t pos, std::string_view expected) const { fail_at(pos, expected, what_is_at(pos)); }

  std::string what_is_at(std::size_t pos) const {
    if (pos >= text_.size()) return "end of line";
    if (text_[pos] == ' ') return "a space";
    if (text_[pos] == '\r') return "a carriage return (line endings must be LF only)";
    auto end = std::min(text_.find(' ', pos), text_.size());
    return shown(text_.substr(pos, end - pos));
  }

  // Exactly one space, followed by another field.
  void space() {
    if (at_end() || text_[pos_] != ' ') fail(pos_, "a space");
    ++pos_;
    if (at_end()) fail_at(pos_ - 1, "another field after the space", "end of line (trailing space)");
    if (text_[pos_] == ' ') fail_at(pos_, "a single space between fields", "two or more");
  }

  // True, past the separating space, when another field follows.
  bool more() {
    if (at_end()) return false;
    space();
    return true;
  }

  void end() const {
    if (at_end()) return;
    if (text_[pos_] == ' ' && pos_ + 1 < text_.size()) fail(pos_ + 1, "end of line");
    if (text_[pos_] == ' ') fail_at(pos_, "end of line", "a space (trailing space)");
    fail(pos_, "end of line");
  }

  std::string_view word(std::string_view what) {
    auto end = std::min(text_.find(' ', pos_), text_.size());
    if (end == pos_) fail(pos_, what);
    auto w = text_.substr(pos_, end - pos_);
    pos_ = end;
    return w;
  }

  // nul_ok: only file contents may hold NUL; everything else is a C string.
  std::string string(std::string_view what, bool nul_ok = false);
  long long integer(std::string_view what, long long lo, long long hi);
  std::uint32_t octal(std::string_view what, std::uint32_t max);
  std::uint32_t flags(std::span<const std::string_view> names, std::string_view what);
  SigSet signals(bool at_least_one, std::string_view if_none);
  std::vector<std::string> strings(bool at_least_one, std::string_view if_none);

 private:
  char escape();
  int signal_number(std::size_t p, std::string_view w) const;

  std::string_view file_;
  std::size_t no_;
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string Line::string(std::string_view what, bool nul_ok) {
  if (peek() != '"') fail(pos_, what);
  ++pos_;
  std::string out;
  for (;;) {
    if (at_end()) fail_at(pos_, "a closing `\"`", "end of line");
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return out;
    }
    auto at = pos_;
    if (c == '\\') {
      c = static_cast<unsigned char>(escape());
    } else {
      if ((c < 0x20 || c >= 0x7f) && (c != 0 || nul_ok))
        fail_at(pos_, fmt::format("the escape `{}` for byte 0x{:02x}", escaped_byte(c), c), "the raw byte");
      ++pos_;
    }
    if (c == 0 && !nul_ok)
      fail_at(at, "a byte other than NUL (paths, argv and environment entries are C strings)",
              shown(text_.substr(at, pos_ - at)));
    out += static_cast<char>(c);
  }
}

char Line::escape() {
  auto start = pos_++;
  constexpr std::string_view kEscapes = "an escape (\\\\, \\\", \\n, \\t or \\xHH)";
  if (at_end()) fail_at(pos_, kEscapes, "end of line");
  switch (text_[pos_]) {
    case '\\': ++pos_; return '\\';
    case '"': ++pos_; return '"';
    case 'n': ++pos_; return '\n';
    case 't': ++pos_; return '\t';
    case 'x': break;
    default: fail_at(start, kEscapes, shown(text_.substr(start, 2)));
  }
  auto hex = text_.substr(pos_ + 1, 2);
  auto got = shown(text_.substr(start, 2 + hex.size()));
  auto is_hex = [](char h) { return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'); };
  if (hex.size() != 2 || !is_hex(hex[0]) || !is_hex(hex[1])) fail_at(start, "\\x and two hex digits", got);
  unsigned byte = 0;
  std::from_chars(hex.data(), hex.data() + 2, byte, 16);
  auto canonical = escaped_byte(static_cast<unsigned char>(byte));
  if (canonical != text_.substr(start, 4)) {
    if (canonical.size() == 1)
      fail_at(start, fmt::format("the byte written as itself (`{}`)", canonical), got);
    fail_at(start, fmt::format("the canonical escape `{}`", canonical), got);
  }
  pos_ += 3;
  return static_cast<char>(byte);
}

long long Line::integer(std::string_view what, long long lo, long long hi) {
  auto p = pos_;
  auto w = word(what);
  auto digits = w.starts_with('-') ? w.substr(1) : w;
  bool decimal = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '9'; });
  if (!decimal) fail(p, what);
  if ((digits.size() > 1 && digits[0] == '0') || w == "-0")
    fail_at(p, fmt::format("{} without leading zeros", what), shown(w));
  long long v = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc() || end != w.data() + w.size() || v < lo || v > hi)
    fail_at(p, fmt::format("{} in {}..{}", what, lo, hi), shown(w));
  return v;
}

std::uint32_t Line::octal(std::string_view what, std::uint32_t max) {
  auto p = pos_;
  auto w = word(what);
  bool ok = w.size() == 4 && std::all_of(w.begin(), w.end(), [](char d) { return d >= '0' && d <= '7'; });
  if (!ok) fail_at(p, fmt::format("{} as 4 octal digits like {}", what, octal4(std::min<std::uint32_t>(max, 0644))), shown(w));
  std::uint32_t v = 0;
  std::from_chars(w.data(), w.data() + w.size(), v, 8);
  if (v > max) fail_at(p, fmt::format("{} of at most {}", what, octal4(max)), shown(w));
  return v;
}

// NAME|NAME|… : known names, each once, in spawn_ops.def order.
std::uint32_t Line::flags(std::span<const std::string_view> names, std::string_view what) {
  auto p = pos_;
  auto w = word(what);
  std::uint32_t bits = 0;
  std::vector<std::size_t> order;
  for (std::size_t off = 0; off <= w.size();) {
    auto end = std::min(w.find('|', off), w.size());
    auto name = w.substr(off, end - off);
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      fail_at(p + off, fmt::format("{}: one of {}", what, join(names, " ")), name.empty() ? "an empty name" : shown(name));
    auto i = static_cast<std::size_t>(it - names.begin());
    if (bits & (std::uint32_t{1} << i)) fail_at(p + off, "each flag once", shown(name));
    bits |= std::uint32_t{1} << i;
    order.push_back(i);
    off = end + 1;
  }
  if (!std::is_sorted(order.begin(), order.end()))
    fail_at(p, fmt::format("{} in the order {}", what, join_bits(bits, names)), shown(w));
  return bits;
}

int Line::signal_number(std::size_t p, std::string_view w) const {
  if (auto n = signal_named(w); n && (*n < kRtBase || *n >= kFirstNamedRt)) return *n;
  constexpr std::string_view kWhat = "a signal name (SIGHUP..SIGSYS or SIGRT3..SIGRT32)";
  auto numeric = [](std::string_view d) {
    int n = -1;
    bool canonical = !d.empty() && (d.size() == 1 || d[0] != '0');
    auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), n);
    return canonical && ec == std::errc() && end == d.data() + d.size() ? n : -1;
  };
  if (w.starts_with("SIGRT")) {
    int n = numeric(w.substr(5));
    if (n >= 0 && n + kRtBase < kFirstNamedRt)
      fail_at(p, "a signal other than 32..34 (the libc reserves them)", shown(w));
    fail_at(p, kWhat, shown(w));
  }
  // Point a hand-written SIG10, 10, sigusr1 or USR1 at its canonical name.
  auto upper = to_upper(w);
  if (!upper.starts_with("SIG")) upper = "SIG" + upper;
  int n = numeric(upper.substr(3));
  if (n < 0) n = signal_named(upper).value_or(-1);
  if (n >= kRtBase && n < kFirstNamedRt) fail_at(p, "a signal other than 32..34 (the libc reserves them)", shown(w));
  if (n >= 1 && n <= kMaxSignal) fail_at(p, fmt::format("`{}` (the canonical name)", signal_name(n)), shown(w));
  fail_at(p, kWhat, shown(w));
}

// Signal names to the end of the line, each once, ascending by number.
SigSet Line::signals(bool at_least_one, std::string_view if_none) {
  if (at_least_one && at_end()) fail_at(pos_, "a signal name", fmt::format("end of line ({})", if_none));
  SigSet set = 0;
  int last = 0;
  bool out_of_order = false;
  auto list = pos_ + 1;
  while (more()) {
    auto p = pos_;
    auto w = word("a signal name");
    int n = signal_number(p, w);
    auto bit = SigSet{1} << (n - 1);
    if (set & bit) fail_at(p, "each signal once", shown(w));
    set |= bit;
    out_of_order |= n < last;
    last = std::max(last, n);
  }
  if (out_of_order)
    fail_at(list, fmt::format("signals in ascending number order ({})", sigset_to_string(set).substr(1)),
            shown(text_.substr(list)));
  return set;
}

std::vector<std::string> Line::strings(bool at_least_one, std::string_view if_none) {
  if (at_least_one && at_end()) fail_at(pos_, "a quoted string", fmt::format("end of line ({})", if_none));
  std::vector<std::string> v;
  while (more()) v.push_back(string("a quoted string"));
  return v;
}

// ---- the whole file --------------------------------------------------------

class Parser {
 public:
  explicit Parser(std::string_view file) : file_(file) {}
  Case run(std::string_view text);

 private:
  void directive(Line& l);
  Slot keyword(Line& l);
  void fixture(Line& l);
  void parent_fd(Line& l);
  void action(Line& l);
  void envp(Line& l);
  SigSet dispositions(Line& l, std::string_view if_none, SigSet taken) const;
  void check_pipes() const;

  std::string_view file_;
  Case c_;
  int last_ = -1;
  std::array<std::size_t, kSlotCount> seen_{};  // line of each directive, 0 = absent
  struct FdWhere {
    std::size_t line, peer_pos;
  };
  std::vector<FdWhere> fd_where_;  // parallel to c_.fds
};

Case Parser::run(std::string_view text) {
  std::size_t no = 0, directives = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++no;
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos)
      fail_at(file_, no, text.size() - start, "a newline at the end of the last line", "end of file");
    auto s = text.substr(start, nl - start);
    start = nl + 1;
    if (s.empty() || s[0] == '#') {
      c_.trivia.push_back({directives, std::string(s)});
      continue;
    }
    Line l(file_, no, s);
    if (s.back() == '\r') l.fail(s.size() - 1, "end of line");
    directive(l);
    ++directives;
  }
  for (int r = 0; r < kSlotCount; ++r)
    if (kDirectives[r].required && !seen_[r])
      fail_at(file_, no + 1, 0, fmt::format("the `{}` line", r == kHeader ? "spawncheck-case 1" : kDirectives[r].keyword),
              "end of file");
  check_pipes();
  return std::move(c_);
}

Slot Parser::keyword(Line& l) {
  auto p = l.pos();
  if (l.peek() == ' ') l.fail_at(p, "a directive at the start of the line", "a space (no indentation)");
  std::string kw(l.word("a directive"));
  if (kw == "parent" || kw == "attr" || kw == "expect") {
    std::vector<std::string_view> options;
    for (const auto& d : kDirectives)
      if (d.keyword.starts_with(kw + " ")) options.push_back(d.keyword);
    if (l.peek() != ' ') l.fail_at(l.pos(), fmt::format("one of `{}`", join(options, "`, `")), l.what_is_at(l.pos()));
    l.space();
    kw += " " + std::string(l.word("a directive"));
    auto it = std::find(options.begin(), options.end(), kw);
    if (it == options.end()) l.fail_at(p, fmt::format("one of `{}`", join(options, "`, `")), shown(kw));
  }
  for (int s = 0; s < kSlotCount; ++s)
    if (kDirectives[s].keyword == kw) return static_cast<Slot>(s);
  l.fail_at(p, "a directive (spawncheck-case, name, fixture, parent, call, argv, envp, action, attr, expect) or a #comment",
            shown(kw));
}

void Parser::directive(Line& l) {
  auto p = l.pos();
  auto s = keyword(l);
  const auto& d = kDirectives[s];
  if (s != kHeader && !seen_[kHeader])
    l.fail_at(p, "`spawncheck-case 1` as the first line that is not a comment", shown(d.keyword));
  if (seen_[s] && !d.repeatable)
    l.fail_at(p, fmt::format("at most one `{}` line (the first is line {})", d.keyword, seen_[s]), "another");
  if (s < last_)
    l.fail_at(p, fmt::format("`{}` or a later directive (`{}` goes before `{}`)", kDirectives[last_].keyword,
                             d.keyword, kDirectives[last_].keyword),
              shown(d.keyword));
  for (int r = 0; r < s; ++r)
    if (kDirectives[r].required && !seen_[r])
      l.fail_at(p, fmt::format("the `{}` line before this one", kDirectives[r].keyword), shown(d.keyword));
  seen_[s] = l.no();
  last_ = s;

  switch (s) {
    case kHeader: {
      l.space();
      auto vp = l.pos();
      if (auto v = l.word("the format version"); v != "1")
        l.fail_at(vp, "format version 1 (the only one this spawncheck reads)", shown(v));
      c_.version = 1;
      break;
    }
    case kName: {
      l.space();
      auto np = l.pos();
      auto name = l.word("a case name");
      for (std::size_t i = 0; i < name.size(); ++i) {
        char ch = name[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-'))
          l.fail_at(np + i, "a name of characters a-z 0-9 . _ -", shown(name.substr(i, 1)));
      }
      c_.name = name;
      break;
    }
    case kFixture: fixture(l); break;
    case kCwd: {
      l.space();
      auto cp = l.pos();
      c_.cwd = l.string("a quoted path");
      if (c_.cwd == ".") l.fail_at(cp, "a directory other than the default (omit `parent cwd` to keep \".\")", "`\".\"`");
      break;
    }
    case kUmask: {
      l.space();
      auto up = l.pos();
      c_.umask = l.octal("a umask", 0777);
      if (c_.umask == 022) l.fail_at(up, "a umask other than the default (omit `parent umask` to keep 0022)", "`0022`");
      break;
    }
    case kFd: parent_fd(l); break;
    case kPSigmask: c_.sigmask = l.signals(true, "omit `parent sigmask` for an empty mask"); break;
    case kPSigign: c_.sigign = dispositions(l, "omit `parent sigign` when no signal is ignored", 0); break;
    case kPSigcatch:
      c_.sigcatch = dispositions(l, "omit `parent sigcatch` when no signal is caught", c_.sigign);
      break;
    case kPEnv: c_.parent_env = l.strings(true, "omit `parent env` for an empty environment"); break;
    case kCall: {
      l.space();
      auto fp = l.pos();
      auto f = l.word("`posix_spawn` or `posix_spawnp`");
      if (f != "posix_spawn" && f != "posix_spawnp") l.fail_at(fp, "`posix_spawn` or `posix_spawnp`", shown(f));
      c_.func = f == "posix_spawn" ? Func::Spawn : Func::Spawnp;
      l.space();
      c_.program = l.string("the quoted program path");
      break;
    }
    case kArgv: c_.argv = l.strings(false, ""); break;
    case kEnvp: envp(l); break;
    case kAction: action(l); break;
    case kAFlags: c_.attr.flags = l.more() ? l.flags(kAttrFlagNames, "attribute flags") : 0; break;
    case kASigmask: c_.attr.sigmask = l.signals(false, ""); break;
    case kASigdef: c_.attr.sigdefault = l.signals(false, ""); break;
    case kAPgroup:
      l.space();
      if (l.peek() == 'c') {
        auto at = l.pos();
        auto w = l.word("`caller` or a process group id");
        if (w != "caller") l.fail_at(at, "`caller` or a process group id", shown(w));
        c_.attr.pgroup = kPgroupCaller;
      } else {
        c_.attr.pgroup = static_cast<int>(l.integer("a process group id", INT_MIN + 1LL, INT_MAX));
      }
      break;
    case kExpect: {
      l.space();
      auto ep = l.pos();
      auto e = l.word("0 or an errno name");
      auto listed = [](std::string_view n) {
        return std::any_of(errnos().begin(), errnos().end(), [&](const ErrnoInfo& x) { return x.name == n; });
      };
      if (e != "0" && !listed(e)) {
        auto upper = to_upper(e);
        if (listed(upper)) l.fail_at(ep, fmt::format("`{}` (errno names are upper case)", upper), shown(e));
        std::vector<std::string_view> names{"0"};
        for (const auto& x : errnos()) names.push_back(x.name);
        l.fail_at(ep, fmt::format("0 or an errno name: {}", join(names, " ")), shown(e));
      }
      c_.expect.error = std::string(e);
      break;
    }
    case kSlotCount: break;
  }
  l.end();
}

void Parser::fixture(Line& l) {
  l.space();
  auto kp = l.pos();
  auto kind = l.word("a fixture kind");
  auto it = std::find(std::begin(kFixtureKindNames), std::end(kFixtureKindNames), kind);
  if (it == std::end(kFixtureKindNames)) l.fail_at(kp, fmt::format("a fixture kind: {}", join(kFixtureKindNames, " ")), shown(kind));
  FixtureEntry e;
  e.kind = static_cast<FixtureEntry::Kind>(it - std::begin(kFixtureKindNames));
  l.space();
  e.path = l.string("a quoted path");
  using K = FixtureEntry::Kind;
  switch (e.kind) {
    case K::File:
    case K::Dir:
    case K::Fifo:
    case K::Script:
      l.space();
      e.mode = l.octal("a mode", 07777);
      break;
    case K::Symlink:
      l.space();
      e.target = l.string("the quoted link target");
      break;
    case K::Probe: break;
  }
  if (e.kind == K::Script) {
    l.space();
    auto sp = l.pos();
    auto w = l.word("`shebang` or `noshebang`");
    if (w != "shebang" && w != "noshebang") l.fail_at(sp, "`shebang` or `noshebang`", shown(w));
    e.shebang = w == "shebang";
  }
  if (e.kind == K::File || e.kind == K::Script) {
    l.space();
    e.content = l.string("the quoted content", true);
  }
  c_.fixture.push_back(std::move(e));
}

void Parser::parent_fd(Line& l) {
  l.space();
  auto p = l.pos();
  ParentFd f;
  f.fd = static_cast<int>(l.integer("a file descriptor", 0, kMaxFd));
  for (std::size_t i = 0; i < c_.fds.size(); ++i)
    if (c_.fds[i].fd == f.fd)
      l.fail_at(p, fmt::format("a descriptor not set up before (fd {} is on line {})", f.fd, fd_where_[i].line),
                shown(std::to_string(f.fd)));
  l.space();
  auto kp = l.pos();
  auto kind = l.word("a parent fd kind");
  auto it = std::find(std::begin(kParentFdKindNames), std::end(kParentFdKindNames), kind);
  if (it == std::end(kParentFdKindNames)) l.fail_at(kp, fmt::format("a parent fd kind: {}", join(kParentFdKindNames, " ")), shown(kind));
  f.kind = static_cast<ParentFd::Kind>(it - std::begin(kParentFdKindNames));
  std::size_t peer_pos = 0;
  if (f.kind == ParentFd::Kind::Open) {
    l.space();
    f.path = l.string("a quoted path");
    l.space();
    auto fp = l.pos();
    f.oflags = l.flags(kOFlagNames, "open flags");
    if (std::popcount(f.oflags & kAccessModes) != 1)
      l.fail_at(fp, "exactly one access mode (O_RDONLY, O_WRONLY or O_RDWR)", shown(oflags_text(f.oflags)));
  } else if (f.kind != ParentFd::Kind::Closed) {
    l.space();
    peer_pos = l.pos();
    f.peer = static_cast<int>(l.integer("the peer file descriptor", 0, kMaxFd));
  }
  if (f.kind != ParentFd::Kind::Closed && l.more()) {
    bool open = f.kind == ParentFd::Kind::Open;
    auto op = l.pos();
    auto w = l.word("an option");
    if (w == "cloexec") {
      f.cloexec = true;
      if (open && l.more()) {
        op = l.pos();
        w = l.word("`offset`");
        if (w != "offset") l.fail_at(op, "`offset` or end of line", shown(w));
      }
    } else if (!open || w != "offset") {
      l.fail_at(op, open ? "`cloexec` or `offset` (in that order)" : "`cloexec` or end of line", shown(w));
    }
    if (w == "offset") {
      l.space();
      auto vp = l.pos();
      f.offset = static_cast<std::uint64_t>(l.integer("an offset", 0, LLONG_MAX));
      if (f.offset == 0) l.fail_at(vp, "a non-zero offset (omit `offset 0`, it is the default)", "`0`");
    }
  }
  c_.fds.push_back(std::move(f));
  fd_where_.push_back({l.no(), peer_pos});
}

void Parser::check_pipes() const {
  using K = ParentFd::Kind;
  for (std::size_t i = 0; i < c_.fds.size(); ++i) {
    const auto& f = c_.fds[i];
    if (f.kind != K::PipeRead && f.kind != K::PipeWrite) continue;
    auto want = f.kind == K::PipeRead ? K::PipeWrite : K::PipeRead;
    auto expected = fmt::format("fd {} to be `parent fd {} {} {}`", f.peer, f.peer,
                                kParentFdKindNames[static_cast<std::size_t>(want)], f.fd);
    auto j = std::find_if(c_.fds.begin(), c_.fds.end(), [&](const ParentFd& g) { return g.fd == f.peer; });
    if (j == c_.fds.end()) fail_at(file_, fd_where_[i].line, fd_where_[i].peer_pos, expected, "no such parent fd");
    if (j->kind != want || j->peer != f.fd) {
      auto got = fmt::format("`parent fd {} {}`", j->fd, kParentFdKindNames[static_cast<std::size_t>(j->kind)]);
      if (j->kind != K::Closed && j->kind != K::Open) got.insert(got.size() - 1, " " + std::to_string(j->peer));
      fail_at(file_, fd_where_[i].line, fd_where_[i].peer_pos, expected, got + " on line " +
              std::to_string(fd_where_[static_cast<std::size_t>(j - c_.fds.begin())].line));
    }
  }
}

// Signals whose disposition the parent sets: each gets one, and SIGKILL
// and SIGSTOP can have none but the default.
SigSet Parser::dispositions(Line& l, std::string_view if_none, SigSet taken) const {
  auto p = l.pos() + 1;
  auto set = l.signals(true, if_none);
  if (set & kUnblockable)
    l.fail_at(p, "signals that can be ignored or caught (not SIGKILL or SIGSTOP)",
              shown(sigset_to_string(set & kUnblockable).substr(1)));
  if (set & taken) l.fail_at(p, "signals not already in `parent sigign`", shown(sigset_to_string(set & taken).substr(1)));
  return set;
}

void Parser::envp(Line& l) {
  if (!l.more()) return;
  if (l.peek() != '"') {
    auto p = l.pos();
    auto w = l.word("`inherit` or quoted strings");
    if (w != "inherit") l.fail_at(p, "`inherit`, quoted strings or nothing (an empty environment)", shown(w));
    c_.env_inherit = true;
    return;
  }
  c_.envp.push_back(l.string("a quoted string"));
  while (l.more()) c_.envp.push_back(l.string("a quoted string"));
}

void Parser::action(Line& l) {
  l.space();
  auto p = l.pos();
  auto name = l.word("an action name");
  auto op = action_named(name);
  if (!op) {
    std::vector<std::string_view> names;
    for (const auto& a : actions()) names.push_back(a.name);
    l.fail_at(p, fmt::format("an action: {}", join(names, " ")), shown(name));
  }
  Action a;
  a.op = *op;
  for (Arg k : action_args(a.op)) {
    l.space();
    switch (k) {
      case Arg::Fd: a.fd = static_cast<int>(l.integer("a file descriptor", -1, kMaxFd)); break;
      case Arg::NewFd: a.newfd = static_cast<int>(l.integer("a file descriptor", -1, kMaxFd)); break;
      case Arg::Path: a.path = l.string("a quoted path"); break;
      case Arg::OFlags: {
        auto fp = l.pos();
        a.oflags = l.flags(kOFlagNames, "open flags");
        if (std::popcount(a.oflags & kAccessModes) != 1)
          l.fail_at(fp, "exactly one access mode (O_RDONLY, O_WRONLY or O_RDWR)", shown(oflags_text(a.oflags)));
        break;
      }
      case Arg::Mode: a.mode = l.octal("a mode", 07777); break;
    }
  }
  c_.actions.push_back(std::move(a));
}

std::string arg_to_string(Arg k, const Action& a) {
  switch (k) {
    case Arg::Fd: return std::to_string(a.fd);
    case Arg::NewFd: return std::to_string(a.newfd);
    case Arg::Path: return case_quote(a.path);
    case Arg::OFlags: return oflags_text(a.oflags);
    case Arg::Mode: return octal4(a.mode);
  }
  return {};
}

std::string strings_to_string(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += " " + case_quote(s);
  return out;
}

}  // namespace

std::string case_quote(std::string_view bytes) {
  std::string out = "\"";
  for (char c : bytes) out += escaped_byte(static_cast<unsigned char>(c));
  return out + "\"";
}

CaseParse parse_case(std::string_view text, std::string_view filename) {
  try {
    return {Parser(filename).run(text), {}};
  } catch (const ParseError& e) {
    return {std::nullopt, e.message};
  }
}

std::string print_case(const Case& c) {
  std::vector<std::string> d;
  d.push_back(fmt::format("spawncheck-case {}", c.version));
  d.push_back("name " + c.name);
  for (const auto& e : c.fixture) {
    using K = FixtureEntry::Kind;
    auto line = fmt::format("fixture {} {}", kFixtureKindNames[static_cast<std::size_t>(e.kind)], case_quote(e.path));
    if (e.kind != K::Symlink && e.kind != K::Probe) line += " " + octal4(e.mode);
    if (e.kind == K::Symlink) line += " " + case_quote(e.target);
    if (e.kind == K::Script) line += e.shebang ? " shebang" : " noshebang";
    if (e.kind == K::File || e.kind == K::Script) line += " " + case_quote(e.content);
    d.push_back(std::move(line));
  }
  if (c.cwd != ".") d.push_back("parent cwd " + case_quote(c.cwd));
  if (c.umask != 022) d.push_back("parent umask " + octal4(c.umask));
  for (const auto& f : c.fds) {
    using K = ParentFd::Kind;
    auto line = fmt::format("parent fd {} {}", f.fd, kParentFdKindNames[static_cast<std::size_t>(f.kind)]);
    if (f.kind == K::Open) line += " " + case_quote(f.path) + " " + oflags_text(f.oflags);
    if (f.kind == K::PipeRead || f.kind == K::PipeWrite) line += " " + std::to_string(f.peer);
    if (f.cloexec) line += " cloexec";
    if (f.offset) line += " offset " + std::to_string(f.offset);
    d.push_back(std::move(line));
  }
  if (c.sigmask) d.push_back("parent sigmask" + sigset_to_string(c.sigmask));
  if (c.sigign) d.push_back("parent sigign" + sigset_to_string(c.sigign));
  if (c.sigcatch) d.push_back("parent sigcatch" + sigset_to_string(c.sigcatch));
  if (!c.parent_env.empty()) d.push_back("parent env" + strings_to_string(c.parent_env));
  d.push_back(fmt::format("call {} {}", c.func == Func::Spawn ? "posix_spawn" : "posix_spawnp", case_quote(c.program)));
  d.push_back("argv" + strings_to_string(c.argv));
  d.push_back(c.env_inherit ? "envp inherit" : "envp" + strings_to_string(c.envp));
  for (const auto& a : c.actions) {
    auto line = "action " + std::string(action_info(a.op).name);
    for (Arg k : action_args(a.op)) line += " " + arg_to_string(k, a);
    d.push_back(std::move(line));
  }
  if (c.attr.flags) d.push_back("attr flags" + (*c.attr.flags ? " " + attrflags_text(*c.attr.flags) : ""));
  if (c.attr.sigmask) d.push_back("attr sigmask" + sigset_to_string(*c.attr.sigmask));
  if (c.attr.sigdefault) d.push_back("attr sigdefault" + sigset_to_string(*c.attr.sigdefault));
  if (c.attr.pgroup)
    d.push_back(*c.attr.pgroup == kPgroupCaller ? "attr pgroup caller" : fmt::format("attr pgroup {}", *c.attr.pgroup));
  if (c.expect.error) d.push_back("expect error " + *c.expect.error);

  std::string out;
  std::size_t t = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (; t < c.trivia.size() && c.trivia[t].before <= i; ++t) out += c.trivia[t].text + "\n";
    out += d[i] + "\n";
  }
  for (; t < c.trivia.size(); ++t) out += c.trivia[t].text + "\n";
  return out;
}

std::string describe_surface() {
  std::string out = "Case files: docs/case-format.md. Lists below are in canonical order.\n\nFile actions (action <name> <arguments>):\n";
  for (const auto& a : actions())
    out += a.optional ? fmt::format("  {:<14}{:<22}optional (--impl may lack it)\n", a.name, a.signature)
                      : fmt::format("  {:<14}{}\n", a.name, a.signature);
  out += fmt::format(
      "  arguments: fd, newfd -1..{}; path \"quoted\"; oflags NAME|NAME (exactly one access mode); mode 4 octal "
      "digits\n\nOpen flags:\n  {}\n\nAttribute flags (attr flags):\n  {}\n\nSignals:\n",
      kMaxFd, join(kOFlagNames, " "), join(kAttrFlagNames, " "));
  for (const auto& s : kSignalTable) out += fmt::format("  {:<10}{}\n", s.name, s.number);
  out += fmt::format("  SIGRT<n>  32+n, n = {}..{} (32..34 are reserved by the libc)\n\nErrno names (expect error):\n  0",
                     kFirstNamedRt - kRtBase, kMaxSignal - kRtBase);
  for (const auto& e : errnos()) out += " " + std::string(e.name);
  out += "\n\nDirectives, in this order (* required, + repeatable):\n";
  for (const auto& d : kDirectives) out += fmt::format("  {}{}{}\n", d.keyword, d.required ? " *" : "", d.repeatable ? " +" : "");
  return out;
}

}  // namespace sc
