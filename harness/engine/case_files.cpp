#include "case_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "case_format.h"
#include "sys_error.h"

namespace sc {

std::string read_case_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return sys_error("open", path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return sys_error("read", path);
  text = bytes.str();
  return {};
}

std::string read_case_file(const std::string& path, Case& c) {
  std::string text;
  if (auto e = read_case_text(path, text); !e.empty()) return e;
  auto parsed = parse_case(text, path);
  if (!parsed) return parsed.error;
  c = std::move(*parsed.value);
  return {};
}

std::string find_case_files(const std::vector<std::string>& paths, std::vector<std::string>& out) {
  for (const auto& p : paths) {
    std::error_code ec;
    auto st = std::filesystem::status(p, ec);
    if (ec) return sys_error("stat", p, ec.value());
    if (!std::filesystem::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = std::filesystem::recursive_directory_iterator(p, ec); !ec && it != decltype(it)(); it.increment(ec))
      if (it->path().extension() == ".case" && !it->is_directory(ec)) found.push_back(it->path().string());
    if (ec) return fmt::format("{}: {}", p, ec.message());
    if (found.empty()) return fmt::format("{}: no .case files", p);
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
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
