#include "case_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "case_format.h"
#include "sys_error.h"

namespace sc {

std::string read_case_file(const std::string& path, Case& c) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return sys_error("open", path);
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return sys_error("read", path);
  auto parsed = parse_case(text.str(), path);
  if (!parsed) return parsed.error;
  c = std::move(*parsed.value);
  return {};
}

std::string read_case_dir(const std::string& dir, std::vector<Case>& out) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".case") files.push_back(e.path());
  if (ec) return fmt::format("{}: {}", dir, ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Case c;
    if (auto e = read_case_file(f.string(), c); !e.empty()) return e;
    out.push_back(std::move(c));
  }
  if (out.empty()) return fmt::format("{}: no .case files", dir);
  return {};
}

std::string write_case_file(const std::string& path, const Case& c) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (ec) return fmt::format("{}: {}", p.parent_path().string(), ec.message());
  std::ofstream f(p, std::ios::binary);
  f << print_case(c);
  if (!f.flush()) return sys_error("write", path);
  return {};
}

}  // namespace sc
