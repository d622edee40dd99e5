// case_format.cpp — reading the case format. The reader takes every
// unambiguous spelling: blanks, comments, directive order and explicit
// defaults are handled here, the spelling of one word in case_words.cpp.
// The printer (case_print.cpp) writes the one canonical text, so
// print(parse(x)) is canonical for every accepted x and parse(print(c)) == c
// for every valid c. What stays refused is what could mean two things or
// nothing, with file:line:col and what was expected.
#include "case_format.h"

#include "case_text.h"
#include "case_words.h"
#include "surface.h"

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace sc {
namespace {

using namespace casetext;

std::string join(std::span<const std::string_view> words, std::string_view sep) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : std::string(sep)) + std::string(w);
  return out;
}

const std::string& oflag_choices() {
  static const std::string s = [] {
    std::vector<std::string_view> names;
    for (const auto& f : kOFlagTable) names.push_back(f.name);
    return join(names, " ");
  }();
  return s;
}

std::string header_line() { return fmt::format("{} {}", kDirectives[kHeader].keyword, kCaseFormatVersion); }

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

// Blanks separate fields; a line's trailing blanks and CR are not part of it.
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_trailing(char c) { return is_blank(c) || c == '\r'; }

struct ParseError {
  std::string message;
};

[[noreturn]] void fail_at(std::string_view file, std::size_t line, std::size_t pos, std::string_view expected,
                          std::string_view got) {
  throw ParseError{fmt::format("{}:{}:{}: expected {}, got {}", file, line, pos + 1, expected, got)};
}

// ---- reading one line ------------------------------------------------------

class Line {
 public:
  // text: the line without its trailing blanks; start: its first field.
  Line(std::string_view file, std::size_t no, std::string_view text, std::size_t start)
      : file_(file), no_(no), text_(text), pos_(start) {}

  std::size_t no() const { return no_; }
  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  // A `# …` after the fields, or "".
  std::string_view comment() const { return comment_; }

  [[noreturn]] void fail_at(std::size_t pos, std::string_view expected, std::string_view got) const {
    sc::fail_at(file_, no_, pos, expected, got);
  }
  [[noreturn]] void fail(std::size_t pos, std::string_view expected) const { fail_at(pos, expected, what_is_at(pos)); }

  std::string what_is_at(std::size_t pos) const {
    if (pos >= text_.size()) return "end of line";
    if (is_blank(text_[pos])) return "a space";
    if (text_[pos] == '\r') return "a carriage return";
    auto end = pos;
    while (end < text_.size() && !is_blank(text_[end])) ++end;
    return shown(text_.substr(pos, end - pos));
  }

  // Blanks before the next field. At the end of the line nothing is
  // needed: the field's reader says what is missing.
  void space() {
    if (at_end()) return;
    if (!is_blank(text_[pos_])) fail(pos_, "a space");
    blanks();
  }

  // True, past the blanks, when another field follows.
  bool more() {
    space();
    return !at_end();
  }

  void end() {
    if (at_end()) return;
    if (!is_blank(text_[pos_])) fail(pos_, "end of line");
    blanks();
    if (!at_end()) fail(pos_, "end of line");
  }

  std::string_view word(std::string_view what) {
    auto start = pos_;
    while (pos_ < text_.size() && !is_blank(text_[pos_])) ++pos_;
    if (pos_ == start) fail(start, what);
    return text_.substr(start, pos_ - start);
  }

  // nul_ok: only file contents may hold NUL; everything else is a C string.
  std::string string(std::string_view what, bool nul_ok = false);
  long long integer(std::string_view what, long long lo, long long hi) {
    auto p = pos_;
    return number(word(what), p, what, lo, hi);
  }
  long long number(std::string_view w, std::size_t p, std::string_view what, long long lo, long long hi) const {
    auto r = decimal_word(w, what, lo, hi);
    if (!r.value) fail_at(p + r.at, r.expected, shown(w));
    return *r.value;
  }
  std::uint32_t octal(std::string_view what, std::uint32_t max) {
    auto p = pos_;
    auto w = word(what);
    auto r = octal_word(w, what, max);
    if (!r.value) fail_at(p + r.at, r.expected, shown(w));
    return *r.value;
  }
  OFlags oflags();
  AttrFlags attrflags() {
    return flag_list("attribute flags", join(kAttrFlagNames, " "), attrflag_word);
  }
  // Signals to the end of the line, in any order; *start is where the
  // first one is.
  SigSet signals(std::size_t* start = nullptr);
  std::vector<std::string> strings() {
    std::vector<std::string> v;
    while (more()) v.push_back(string("a quoted string"));
    return v;
  }

 private:
  // Past blanks; a `#` after them starts the comment that ends the line.
  void blanks() {
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '#') {
      comment_ = text_.substr(pos_);
      text_ = text_.substr(0, pos_);
    }
  }
  int escape();
  template <class Lookup>
  std::uint32_t flag_list(std::string_view what, std::string_view choices, Lookup lookup);

  std::string_view file_;
  std::size_t no_;
  std::string_view text_;
  std::size_t pos_;
  std::string_view comment_;
};

std::string Line::string(std::string_view what, bool nul_ok) {
  if (peek() != '"') fail(pos_, what);
  ++pos_;
  std::string out;
  for (;;) {
    if (at_end()) fail_at(pos_, "a closing `\"`", "end of line");
    auto at = pos_;
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c == '\\') {
      c = static_cast<unsigned char>(escape());
    } else {
      ++pos_;  // any other byte is itself
    }
    if (c == 0 && !nul_ok)
      fail_at(at, "a byte other than NUL (paths, argv and environment entries are C strings)",
              shown(text_.substr(at, pos_ - at)));
    out += static_cast<char>(c);
  }
}

// C's escapes: the named ones, \x with one or two hex digits, \ and one to
// three octal digits.
int Line::escape() {
  auto start = pos_++;
  constexpr std::string_view kEscapes =
      "an escape (\\\\ \\\" \\' \\n \\t \\r \\a \\b \\f \\v, \\xHH or \\ and octal digits)";
  if (at_end()) fail_at(pos_, kEscapes, "end of line");
  constexpr std::pair<char, char> kNamed[] = {{'\\', '\\'}, {'"', '"'},  {'\'', '\''}, {'n', '\n'}, {'t', '\t'},
                                              {'r', '\r'},  {'a', '\a'}, {'b', '\b'},   {'f', '\f'}, {'v', '\v'}};
  const char e = text_[pos_];
  for (auto [letter, byte] : kNamed)
    if (e == letter) {
      ++pos_;
      return static_cast<unsigned char>(byte);
    }
  auto digit = [&](int base) {
    if (at_end()) return -1;
    char h = text_[pos_];
    int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99;
    return v < base ? v : -1;
  };
  int value = 0, n = 0;
  if (e == 'x') {
    ++pos_;
    for (int d; n < 2 && (d = digit(16)) >= 0; ++n, ++pos_) value = value * 16 + d;
    if (n == 0) fail_at(start, "\\x and one or two hex digits", shown(text_.substr(start, 3)));
    return value;
  }
  for (int d; n < 3 && (d = digit(8)) >= 0; ++n, ++pos_) value = value * 8 + d;
  if (n == 0) fail_at(start, kEscapes, shown(text_.substr(start, 2)));
  if (value > 0377) fail_at(start, "an octal escape of at most \\377", shown(text_.substr(start, pos_ - start)));
  return value;
}

// NAME|NAME|…, with blanks around `|` if the writer likes; any order,
// a name more than once is the same flag.
template <class Lookup>
std::uint32_t Line::flag_list(std::string_view what, std::string_view choices, Lookup lookup) {
  std::uint32_t bits = 0;
  for (;;) {
    auto p = pos_;
    while (pos_ < text_.size() && !is_blank(text_[pos_]) && text_[pos_] != '|') ++pos_;
    auto name = text_.substr(p, pos_ - p);
    auto bit = lookup(name);
    if (!bit)
      fail_at(p, fmt::format("{}: one of {}", what, choices),
              !name.empty() ? shown(name) : peek() == '|' ? "an empty name" : what_is_at(p));
    bits |= *bit;
    auto after = pos_;
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
    if (peek() != '|') {
      pos_ = after;
      return bits;
    }
    ++pos_;
    while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
  }
}

// As in <fcntl.h>, O_RDONLY is what no access mode means.
OFlags Line::oflags() {
  auto p = pos_;
  auto bits = flag_list("open flags", oflag_choices(), oflag_word);
  auto modes = std::popcount(bits & kAccessModes);
  if (modes > 1) fail_at(p, "one access mode (O_RDONLY, O_WRONLY or O_RDWR)", shown(text_.substr(p, pos_ - p)));
  if (modes == 0) bits |= oflag("O_RDONLY");
  return bits;
}

SigSet Line::signals(std::size_t* start) {
  SigSet set = 0;
  for (bool first = true; more(); first = false) {
    auto p = pos_;
    if (first && start) *start = p;
    auto w = word("a signal");
    auto r = signal_word(w);
    if (!r.value) fail_at(p + r.at, r.expected, shown(w));
    set |= sigbit(*r.value);
  }
  return set;
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
  SigSet dispositions(Line& l, std::size_t& at) const;
  void check_pipes() const;
  void check_dispositions() const;
  void add_trivia(std::string_view text, std::size_t directive);
  void place_trivia();

  std::string_view file_;
  Case c_;
  std::array<std::size_t, kSlotCount> seen_{};   // line of each directive, 0 = absent
  std::array<std::size_t, kSlotCount> count_{};  // how many of each
  struct Key {
    Slot slot;
    std::size_t ordinal;
  };
  std::vector<Key> keys_;               // the directives in the order read
  std::vector<std::size_t> trivia_at_;  // parallel to c_.trivia: the index in keys_ it precedes
  struct FdWhere {
    std::size_t line, peer_pos;
  };
  std::vector<FdWhere> fd_where_;  // parallel to c_.fds
  std::size_t sigcatch_at_ = 0;    // column of the first `parent sigcatch` signal
};

Case Parser::run(std::string_view text) {
  // A UTF-8 byte-order mark some editors write is not part of line 1.
  const std::size_t bom = text.starts_with("\xef\xbb\xbf") ? 3 : 0;
  std::size_t no = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++no;
    auto nl = std::min(text.find('\n', start), text.size());
    auto s = text.substr(start, nl - start);
    start = nl + 1;
    while (!s.empty() && is_trailing(s.back())) s.remove_suffix(1);
    auto first = no == 1 ? std::min(bom, s.size()) : 0;
    while (first < s.size() && is_blank(s[first])) ++first;
    if (first == s.size() || s[first] == '#') {
      add_trivia(s.substr(first), keys_.size());
      continue;
    }
    Line l(file_, no, s, first);
    directive(l);
  }
  for (int r = 0; r < kSlotCount; ++r)
    if (kDirectives[r].required && !seen_[r])
      fail_at(file_, no + 1, 0, fmt::format("the `{}` line", r == kHeader ? header_line() : std::string(kDirectives[r].keyword)),
              "end of file");
  check_pipes();
  check_dispositions();
  place_trivia();
  return std::move(c_);
}

void Parser::add_trivia(std::string_view text, std::size_t directive) {
  c_.trivia.push_back({0, std::string(text)});
  trivia_at_.push_back(directive);
}

// Each comment goes with the directive it preceded (or ended) in the file,
// to where that directive is in the canonical order; one whose directive
// is not printed (it said a default) goes before the next one printed.
void Parser::place_trivia() {
  const auto printed = directive_texts(c_);
  for (std::size_t i = 0; i < c_.trivia.size(); ++i) {
    auto k = trivia_at_[i];
    if (k == keys_.size()) {
      c_.trivia[i].before = printed.size();
      continue;
    }
    auto it = std::lower_bound(printed.begin(), printed.end(), keys_[k], [](const DirectiveText& d, const Key& key) {
      return std::pair(d.slot, d.ordinal) < std::pair(key.slot, key.ordinal);
    });
    c_.trivia[i].before = static_cast<std::size_t>(it - printed.begin());
  }
  // Stable: comments that land together keep the order they were read in.
  std::vector<std::size_t> order(c_.trivia.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(c_.trivia[a].before, a) < std::pair(c_.trivia[b].before, b);
  });
  std::vector<Case::Trivia> sorted;
  for (auto i : order) sorted.push_back(std::move(c_.trivia[i]));
  c_.trivia = std::move(sorted);
}

Slot Parser::keyword(Line& l) {
  auto p = l.pos();
  std::string kw(l.word("a directive"));
  if (kw == "parent" || kw == "attr" || kw == "expect") {
    std::vector<std::string_view> options;
    for (const auto& d : kDirectives)
      if (d.keyword.starts_with(kw + " ")) options.push_back(d.keyword);
    auto expected = fmt::format("one of `{}`", join(options, "`, `"));
    l.space();
    if (l.at_end()) l.fail_at(l.pos(), expected, "end of line");
    kw += " " + std::string(l.word("a directive"));
    auto it = std::find(options.begin(), options.end(), kw);
    if (it == options.end()) l.fail_at(p, expected, shown(kw));
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
  // The version line says how to read the rest, so it comes first.
  if (s != kHeader && !seen_[kHeader])
    l.fail_at(p, fmt::format("`{}` as the first line that is not a comment", header_line()), shown(d.keyword));
  if (seen_[s] && !d.repeatable)
    l.fail_at(p, fmt::format("at most one `{}` line (the first is line {})", d.keyword, seen_[s]), "another");
  seen_[s] = l.no();
  keys_.push_back({s, count_[s]++});

  switch (s) {
    case kHeader: {
      l.space();
      auto vp = l.pos();
      auto v = l.word("the format version");
      if (!decimal_word(v, "", kCaseFormatVersion, kCaseFormatVersion).value)
        l.fail_at(vp, fmt::format("format version {} (the only one this spawncheck reads)", kCaseFormatVersion), shown(v));
      c_.version = kCaseFormatVersion;
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
    case kCwd:
      l.space();
      c_.cwd = l.string("a quoted path");
      break;
    case kUmask:
      l.space();
      c_.umask = l.octal("a umask", 0777);
      break;
    case kFd: parent_fd(l); break;
    case kPSigmask: c_.sigmask = l.signals(); break;
    case kPSigign: {
      std::size_t at = 0;
      c_.sigign = dispositions(l, at);
      break;
    }
    case kPSigcatch: c_.sigcatch = dispositions(l, sigcatch_at_); break;
    case kPEnv: c_.parent_env = l.strings(); break;
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
    case kArgv: c_.argv = l.strings(); break;
    case kEnvp: envp(l); break;
    case kAction: action(l); break;
    case kAFlags: c_.attr.flags = l.more() ? l.attrflags() : 0; break;
    case kASigmask: c_.attr.sigmask = l.signals(); break;
    case kASigdef: c_.attr.sigdefault = l.signals(); break;
    case kAPgroup: {
      l.space();
      auto at = l.pos();
      auto w = l.word("`caller` or a process group id");
      if (w == "caller") {
        c_.attr.pgroup = kPgroupCaller;
      } else {
        bool numeric = w[0] == '-' || w[0] == '+' || (w[0] >= '0' && w[0] <= '9');
        if (!numeric) l.fail_at(at, "`caller` or a process group id", shown(w));
        c_.attr.pgroup = static_cast<int>(l.number(w, at, "a process group id", INT_MIN + 1LL, INT_MAX));
      }
      break;
    }
    case kExpect: {
      l.space();
      auto ep = l.pos();
      auto w = l.word("0 or an errno name");
      auto r = errno_word(w);
      if (!r.value) l.fail_at(ep + r.at, r.expected, shown(w));
      c_.expect.error = std::move(*r.value);
      break;
    }
    case kSlotCount: break;
  }
  l.end();
  if (!l.comment().empty()) add_trivia(l.comment(), keys_.size() - 1);
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
  const bool open = f.kind == ParentFd::Kind::Open;
  std::size_t peer_pos = 0;
  if (open) {
    l.space();
    f.path = l.string("a quoted path");
    l.space();
    f.oflags = l.oflags();
  } else if (f.kind != ParentFd::Kind::Closed) {
    l.space();
    peer_pos = l.pos();
    f.peer = static_cast<int>(l.integer("the peer file descriptor", 0, kMaxFd));
  }
  // Options in any order; `cloexec` twice is still one flag.
  for (bool offset = false; l.more();) {
    auto op = l.pos();
    auto w = l.word("an option");
    if (f.kind == ParentFd::Kind::Closed) l.fail_at(op, "end of line (a closed fd has no options)", shown(w));
    if (w == "cloexec") {
      f.cloexec = true;
    } else if (open && w == "offset") {
      if (std::exchange(offset, true)) l.fail_at(op, "at most one `offset`", "another");
      l.space();
      f.offset = static_cast<std::uint64_t>(l.integer("an offset", 0, LLONG_MAX));
    } else {
      l.fail_at(op, open ? "`cloexec`, `offset` or end of line" : "`cloexec` or end of line", shown(w));
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

// Signals whose disposition the parent sets: SIGKILL and SIGSTOP can have
// none but the default.
SigSet Parser::dispositions(Line& l, std::size_t& at) const {
  auto set = l.signals(&at);
  if (set & kUnblockable)
    l.fail_at(at, "signals that can be ignored or caught (not SIGKILL or SIGSTOP)",
              shown(sigset_text(set & kUnblockable).substr(1)));
  return set;
}

// A signal is ignored or caught, not both; the lines may come in any order.
void Parser::check_dispositions() const {
  if (auto both = c_.sigign & c_.sigcatch)
    fail_at(file_, seen_[kPSigcatch], sigcatch_at_,
            fmt::format("signals that `parent sigign` (line {}) does not ignore (a signal is ignored or caught, not both)",
                        seen_[kPSigign]),
            shown(sigset_text(both).substr(1)));
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
      case Arg::OFlags: a.oflags = l.oflags(); break;
      case Arg::Mode: a.mode = l.octal("a mode", 07777); break;
    }
  }
  c_.actions.push_back(std::move(a));
}

}  // namespace

CaseParse parse_case(std::string_view text, std::string_view filename) {
  try {
    return {Parser(filename).run(text), {}};
  } catch (const ParseError& e) {
    return {std::nullopt, e.message};
  }
}

}  // namespace sc
