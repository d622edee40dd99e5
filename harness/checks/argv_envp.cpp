// argv/envp integrity: the program gets exactly the bytes it was given.
#include <fmt/format.h>

#include "check.h"
#include "expect.h"

namespace sc {
namespace {

Verdict odd_strings_exact(Session& s) {
  Case c = probe_case("argv-envp-odd-strings");
  c.argv = {"probe", "", "a b", std::string("\xff\xfe\x01", 3), "--", ""};
  c.envp = {"A=1", "", "EMPTY=", std::string("\x80=\x81", 3), "A=2"};
  return expect_model(s, c, "argv and envp bytes");
}

Verdict empty_environment(Session& s) {
  Case c = probe_case("argv-envp-empty-environment");
  c.parent_env = {"INHERITED=1"};
  c.envp = {};
  return expect_model(s, c, "an empty environment");
}

Verdict many_arguments(Session& s) {
  Case c = probe_case("argv-envp-many-arguments");
  for (int i = 0; i < 3000; ++i) c.argv.push_back(std::to_string(i));
  return expect_model(s, c, "3000 arguments");
}

// execve(2): MAX_ARG_STRLEN is 32 pages, the NUL included, so the longest
// argument is one byte shorter (exec_failure.argument-too-long-e2big checks
// the other side).
Verdict longest_argument_passes(Session& s) {
  Case c = probe_case("argv-envp-argument-131071");
  c.argv.push_back(std::string(131071, 'a'));
  return expect_model(s, c, "an argument of 131071 bytes");
}

// The execve limit of the session's target, which the model knows once a
// case has run; 0 when unknown (an unlimited stack).
std::size_t arg_limit(Session& s) {
  if (s.model_env().arg_max == 0) predict_and_run(s, probe_case("argv-envp-limit"));
  return s.model_env().arg_max;
}

// The probe with its arguments padded so that execve needs `need` bytes as
// the model counts them (model_exec.cpp): the path and every string with
// its NUL, 8 bytes per pointer.
Case sized_request(std::string name, std::size_t need) {
  constexpr std::size_t kChunk = 65536, kPointer = 8;
  Case c = probe_case(std::move(name));
  c.envp = {"PADDED=1"};
  std::size_t used = c.program.size() + 1;
  for (const auto& v : {c.argv, c.envp})
    for (const auto& a : v) used += a.size() + 1 + kPointer;
  for (; used + 2 * (kChunk + kPointer) <= need; used += kChunk + kPointer)
    c.argv.push_back(std::string(kChunk - 1, 'a'));
  c.argv.push_back(std::string(need - used - kPointer - 1, 'b'));
  return c;
}

// Far enough below the limit for the model's margin (pointer size, the
// libc's own path), close enough to catch an implementation with a smaller
// limit of its own (exec_failure.argv-over-limit-e2big checks the other
// side).
constexpr std::size_t kMargin = 16384;

Verdict total_under_limit_passes(Session& s) {
  std::size_t limit = arg_limit(s);
  if (limit == 0) return Verdict::not_applicable("the execve size limit is unknown (unlimited stack)");
  return expect_model(s, sized_request("argv-envp-under-limit", limit - kMargin),
                      fmt::format("argv+envp {} bytes under the {} byte limit", kMargin, limit));
}

// Linux >= 5.18 gives a program started with no arguments an empty
// argv[0]; the implementation must not invent one.
Verdict empty_argv(Session& s) {
  Case c = probe_case("argv-envp-empty-argv");
  c.argv.clear();
  return expect_model(s, c, "an empty argv");
}

Verdict caller_environ_unchanged(Session& s) {
  auto r = s.scenario(Scenario::environ);
  if (auto t = trouble(r)) return *t;
  const auto& v = r.record;
  if (v.error(Field::environ_ret) != "0") return Verdict::fail(fmt::format("the call returned {}", v.error(Field::environ_ret)));
  if (!v.flag(Field::environ_environ_unchanged))
    return Verdict::fail(fmt::format("the caller's environ changed: after the call it holds {}",
                                     v.text(Field::environ_environ_after)));
  return Verdict::pass();
}

}  // namespace

void add_argv_envp_checks(std::vector<Check>& out) {
  constexpr auto source = "execve(2), DESCRIPTION";
  constexpr auto quote =
      "argv is an array of pointers to strings passed to the new program as its command-line arguments. ... "
      "envp is an array of pointers to strings, conventionally of the form key=value, which are passed as the "
      "environment of the new program.";
  out.push_back({"argv_envp.odd-strings-byte-exact", Class::argv_envp, Profile::Posix, source, quote,
                 {"argv-empty"},
                 odd_strings_exact, Needs::ExactStrings});
  out.push_back({"argv_envp.empty-environment", Class::argv_envp, Profile::Posix, source, quote,
                 {"env-ignored"},
                 empty_environment});
  out.push_back({"argv_envp.many-arguments", Class::argv_envp, Profile::Posix, source, quote, {"argv-truncate"}, many_arguments});
  out.push_back({"argv_envp.argument-of-131071-bytes-passes", Class::argv_envp, Profile::Posix,
                 "execve(2), Limits on size of arguments and environment",
                 "Additionally, the limit per string is 32 pages (the kernel constant MAX_ARG_STRLEN), and the "
                 "maximum number of strings is 0x7FFFFFFF.",
                 {"arg-max-precheck"},
                 longest_argument_passes});
  out.push_back({"argv_envp.total-under-limit-passes", Class::argv_envp, Profile::Posix,
                 "execve(2), Limits on size of arguments and environment",
                 "On kernel 2.6.23 and later, most architectures support a size limit derived from the soft "
                 "RLIMIT_STACK resource limit (see getrlimit(2)) that is in force at the time of the execve() "
                 "call. ... For these architectures, the total size is limited to 1/4 of the allowed stack size.",
                 {"arg-max-precheck"},
                 total_under_limit_passes});
  out.push_back({"argv_envp.empty-argv-passed-as-is", Class::argv_envp, Profile::Linux,
                 "execve(2), NOTES; Linux 5.18 (paraphrased)",
                 "(paraphrased) The program gets exactly the argv it was given: an empty one stays empty, and "
                 "since Linux 5.18 the kernel itself supplies an empty argv[0].",
                 {"argv0-from-path"},
                 empty_argv});
  out.push_back({"argv_envp.caller-environ-unchanged", Class::argv_envp, Profile::Posix,
                 "POSIX.1-2024 posix_spawn, RATIONALE",
                 "The posix_spawn() function and its close relation posix_spawnp() have been introduced to overcome "
                 "the following perceived difficulties with fork(): ... the process-creation operation should not "
                 "change the state of the calling process.",
                 {"environ-modified"},
                 caller_environ_unchanged});
}

}  // namespace sc
