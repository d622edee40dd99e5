// matrix_report.h — the results of `spawncheck matrix` (checks × columns,
// a column being one target and one backend) and its written forms:
// Markdown and a self-contained HTML page for people, JUnit XML for CI.
// Each writer has its own file (matrix_markdown.cpp, matrix_html.cpp,
// matrix_junit.cpp); this one holds what they share.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "reports.h"

namespace sc {

struct MatrixColumn {
  std::string target, backend;
  std::string how;              // how the target runs (Target::how), for the header
  std::vector<Result> results;  // one per Matrix::checks, in that order
  std::vector<Finding> findings;  // of results (checks/findings.h)
  double seconds = 0;           // wall time of the column

  std::string label() const;  // "aarch64 / libc"
  // "aarch64-libc": the column's directory and anchor names; only
  // [A-Za-z0-9._-], so an --impl path becomes its file name.
  std::string slug() const;
};

struct Matrix {
  std::string date;     // when it ran, UTC
  std::string host;     // the machine the harness ran on
  std::string command;  // the command line, for running it again
  Profile profile = Profile::Linux;
  std::vector<const Check*> checks;
  std::vector<MatrixColumn> columns;
};

// Where a result's reproducer is written, relative to the report:
// "reproducers/<column slug>/<check id>.case".
std::string reproducer_path(const MatrixColumn& column, const Check& check);

// The command that replays that reproducer on the column's target and
// backend, run from the report's directory.
std::string replay_command(const MatrixColumn& column, const Check& check);

// Summary of every column together.
Summary summarise(const Matrix& m);
// The exit status of the whole matrix (findings.h exit_status).
int exit_status(const Matrix& m);

void write_matrix_markdown(std::ostream& out, const Matrix& m);
void write_matrix_html(std::ostream& out, const Matrix& m);
void write_matrix_junit(std::ostream& out, const Matrix& m);

}  // namespace sc
