// argv/envp integrity: the program gets exactly the bytes it was given.
#include "check.h"
#include "check_util.h"

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

}  // namespace

void add_argv_envp_checks(std::vector<Check>& out) {
  constexpr auto source = "execve(2), DESCRIPTION";
  constexpr auto quote =
      "argv is an array of pointers to strings passed to the new program as its command-line arguments. ... "
      "envp is an array of pointers to strings, conventionally of the form key=value, which are passed as the "
      "environment of the new program.";
  out.push_back({"argv_envp.odd-strings-byte-exact", Class::argv_envp, Profile::Posix, source, quote,
                 odd_strings_exact});
  out.push_back({"argv_envp.empty-environment", Class::argv_envp, Profile::Posix, source, quote,
                 empty_environment});
  out.push_back({"argv_envp.many-arguments", Class::argv_envp, Profile::Posix, source, quote, many_arguments});
}

}  // namespace sc
