#include "matrix_report.h"

#include <cctype>

#include <fmt/format.h>

namespace sc {

std::string MatrixColumn::label() const { return fmt::format("{} / {}", target, backend); }

std::string MatrixColumn::slug() const {
  std::string b = backend;
  if (b.starts_with("impl:")) {
    std::string path = b.substr(5);
    b = "impl-" + path.substr(path.rfind('/') + 1);
  }
  std::string s = target + "-" + b;
  for (char& ch : s)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_')) ch = '_';
  return s;
}

std::string reproducer_path(const MatrixColumn& column, const Check& check) {
  return fmt::format("reproducers/{}/{}.case", column.slug(), check.id);
}

std::string replay_command(const MatrixColumn& column, const Check& check) {
  std::string how = column.backend.starts_with("impl:") ? "--impl " + column.backend.substr(5)
                                                         : "--backend " + column.backend;
  return fmt::format("spawncheck replay --target {} {} {}", column.target, how, reproducer_path(column, check));
}

Summary summarise(const Matrix& m) {
  std::vector<Result> all;
  for (const auto& c : m.columns) all.insert(all.end(), c.results.begin(), c.results.end());
  return summarise(all);
}

int exit_status(const Matrix& m) {
  FindingSummary f;
  for (const auto& c : m.columns) f.findings += static_cast<int>(c.findings.size()), f.failing = f.findings;
  return exit_status(summarise(m), f);
}

}  // namespace sc
