// posix_spawnp's search of PATH, registered with the exec-failure class:
// which file runs, or which error comes back, for a name without a slash.
// PATH unset is checked only with a name no system directory holds (the
// scratch builder refuses any other), so the default list finds nothing.
#include "check.h"
#include "expect.h"

namespace sc {
namespace {

// posix_spawnp("tool") from the caller's PATH; the candidates come from the
// fixture entries each check adds.
Case search(std::string name, std::string path) {
  Case c = probe_case(std::move(name));
  c.fixture.clear();
  c.func = Func::Spawnp;
  c.program = "tool";
  c.argv = {"tool"};
  c.parent_env = {"PATH=" + std::move(path)};
  return c;
}

FixtureEntry probe_at(Path p) { return fixture_node(FixtureEntry::Kind::Probe, std::move(p)); }

FixtureEntry not_executable_at(Path p) { return fixture_file(std::move(p), "not a program\n"); }

Verdict first_match_wins(Session& s) {
  Case c = search("path-search-first-match-wins", "a:b");
  c.fixture = {fixture_script("a/tool"), probe_at("b/tool")};
  return expect_model(s, c, "the first PATH directory holding the name");
}

Verdict eacces_then_found(Session& s) {
  Case c = search("path-search-eacces-then-found", "a:b");
  c.fixture = {not_executable_at("a/tool"), probe_at("b/tool")};
  return expect_model(s, c, "a non-executable candidate before an executable one");
}

Verdict only_eacces(Session& s) {
  Case c = search("path-search-only-eacces", "a:b");
  c.fixture = {not_executable_at("a/tool"), fixture_node(FixtureEntry::Kind::Dir, "b")};
  return expect_model_error(s, c, "EACCES", "a search that met only a non-executable candidate");
}

Verdict enotdir_skipped(Session& s) {
  Case c = search("path-search-enotdir-skipped", "data.txt:b");
  c.fixture = {fixture_file("data.txt", "x"), probe_at("b/tool")};
  return expect_model(s, c, "a PATH element that is a regular file");
}

// "a::b": the empty element is the cwd (the case root) and comes before b.
Verdict empty_element_is_cwd(Session& s) {
  Case c = search("path-search-empty-element-is-cwd", "a::b");
  c.fixture = {probe_at("tool"), fixture_script("b/tool")};
  return expect_model(s, c, "an empty PATH element");
}

Verdict slash_not_searched(Session& s) {
  Case c = search("path-search-slash-not-searched", "other");
  c.program = "bin/tool";
  c.fixture = {fixture_script("other/bin/tool"), probe_at("bin/tool")};
  return expect_model(s, c, "a name with a slash");
}

// A directory path of ~620 bytes, longer than a careless fixed buffer but
// far from PATH_MAX.
Verdict long_element(Session& s) {
  const std::string dir = "long/" + std::string(200, 'x') + "/" + std::string(200, 'y') + "/" + std::string(200, 'z');
  Case c = search("path-search-long-element", "missing:" + dir);
  c.fixture = {probe_at(dir + "/tool")};
  return expect_model(s, c, "a PATH element of 600 bytes");
}

// With PATH unset glibc, musl and refcore search system directories only: a
// program of that name in the caller's cwd must not run (older glibc and
// gnulib search ":/bin:/usr/bin", the cwd first; POSIX leaves it open).
Verdict unset_path_skips_cwd(Session& s) {
  Case c = search("path-search-unset-path-skips-cwd", "");
  c.parent_env.clear();
  c.program = "spawncheck-no-such-tool";
  c.argv = {c.program};
  c.fixture = {probe_at(c.program)};
  return expect_choice(s, c, Choice::UNSET_PATH, "posix_spawnp with PATH unset");
}

}  // namespace

void add_path_search_checks(std::vector<Check>& out) {
  const std::string xbd = "POSIX.1-2024 XBD 8.3, PATH";
  out.push_back({"exec_failure.spawnp-first-match-wins", Class::exec_failure, Profile::Posix, xbd,
                 "The list shall be searched from beginning to end, applying the filename to each prefix, until "
                 "an executable file with the specified name and appropriate execution permissions is found.",
                 {"search-order"},
                 first_match_wins});
  const std::string exec3 = "exec(3), Linux man-pages, Special semantics for execlp() and execvp()";
  out.push_back({"exec_failure.spawnp-eacces-then-found", Class::exec_failure, Profile::Posix, exec3,
                 "If permission is denied for a file (the attempted execve(2) failed with the error EACCES), these "
                 "functions will continue searching the rest of the search path.",
                 {"eacces-stops-search"},
                 eacces_then_found});
  out.push_back({"exec_failure.spawnp-only-eacces-returns-eacces", Class::exec_failure, Profile::Posix, exec3,
                 "If no other file is found, however, they will return with errno set to EACCES.", {"eacces-not-remembered"}, only_eacces});
  out.push_back({"exec_failure.spawnp-enotdir-element-skipped", Class::exec_failure, Profile::Posix,
                 "glibc __execvpex and musl __execvpe, what their posix_spawnp run (paraphrased)",
                 "A PATH element that is not a directory (execve fails with ENOTDIR) is skipped like a missing "
                 "one, and the search goes on.",
                 {"enotdir-stops-search"},
                 enotdir_skipped});
  out.push_back({"exec_failure.spawnp-empty-element-is-cwd", Class::exec_failure, Profile::Posix, xbd,
                 "A zero-length prefix is a legacy feature that indicates the current working directory. It "
                 "appears as two adjacent <colon> characters (\"::\"), as an initial <colon> preceding the rest of "
                 "the list, or as a trailing <colon> following the rest of the list.",
                 {"empty-path-element-skipped"},
                 empty_element_is_cwd});
  out.push_back({"exec_failure.spawnp-slash-name-not-searched", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 exec, DESCRIPTION",
                 "If the file argument contains a <slash> character, the file argument shall be used as the "
                 "pathname for this file.",
                 {"slash-name-searched"},
                 slash_not_searched});
  out.push_back({"exec_failure.spawnp-long-element-searched", Class::exec_failure, Profile::Posix,
                 xbd + " (paraphrased)",
                 "Every prefix in PATH is tried, however long, as long as the resulting pathname is valid: a "
                 "prefix of several hundred bytes is searched like a short one.",
                 {"path-buffer-small"},
                 long_element});
  out.push_back({"exec_failure.spawnp-unset-path-not-cwd", Class::exec_failure, Profile::Posix,
                 "POSIX.1-2024 exec, DESCRIPTION",
                 "If the PATH environment variable is not present, the results of the search are "
                 "implementation-defined. (glibc, musl and refcore all use a list of system directories only: "
                 "never the current directory.)",
                 {{"unset-path-cwd", Expectation::Glibc}},
                 unset_path_skips_cwd});
}

}  // namespace sc
