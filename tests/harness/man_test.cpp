// The manual pages say what --help says: every command has a page, and
// every option --help lists for a command is in that command's page.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The long option names of a --help text's option lines ("  --target,--arch TEXT  ...").
std::set<std::string> help_options(const std::string& help) {
  std::set<std::string> out;
  std::istringstream in(help);
  static const std::regex name("--[a-z][a-z0-9-]*");
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("  -")) continue;
    auto names = line.substr(0, line.find(' ', 2));
    for (std::sregex_iterator it(names.begin(), names.end(), name), end; it != end; ++it) out.insert(it->str());
  }
  return out;
}

// The command names of the top-level --help's "Subcommands:" list.
std::vector<std::string> commands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  bool in_list = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Subcommands:") in_list = true;
    else if (in_list && line.starts_with("  ") && line.size() > 2 && line[2] != ' ')
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return out;
}

std::string roff_name(const std::string& option) { return std::regex_replace(option, std::regex("-"), "\\-"); }

TEST(ManPages, EveryOptionOfHelpIsInItsPage) {
  const fs::path dir = test::temp_dir("spawncheck-man.");
  auto written = test::spawncheck("--man " + dir.string());
  ASSERT_EQ(written.status, 0) << written.output;
  auto top = test::spawncheck("--help");
  ASSERT_EQ(top.status, 0) << top.output;
  auto cmds = commands(top.output);
  ASSERT_GE(cmds.size(), 5u) << top.output;
  const std::string main_page = slurp(dir / "spawncheck.1");
  for (const auto& o : help_options(top.output)) EXPECT_NE(main_page.find(roff_name(o)), std::string::npos) << o;
  std::set<std::string> pages;
  for (const auto& e : fs::directory_iterator(dir)) pages.insert(e.path().filename().string());
  EXPECT_EQ(pages.size(), cmds.size() + 1) << "one page per command and spawncheck.1";
  for (const auto& cmd : cmds) {
    EXPECT_NE(main_page.find("\\fBspawncheck\\-" + roff_name(cmd) + "\\fR(1)"), std::string::npos) << cmd << " in spawncheck(1)";
    auto help = test::spawncheck(cmd + " --help");
    ASSERT_EQ(help.status, 0) << help.output;
    const std::string page = slurp(dir / ("spawncheck-" + cmd + ".1"));
    ASSERT_FALSE(page.empty()) << "no page for " << cmd;
    auto opts = help_options(help.output);
    EXPECT_FALSE(opts.empty()) << cmd;
    for (const auto& o : opts) EXPECT_NE(page.find(roff_name(o)), std::string::npos) << cmd << " " << o;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sc
