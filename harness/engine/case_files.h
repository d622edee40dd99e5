// case_files.h — case files on disk: reading one or a directory of them
// (replay, --corpus) and writing a reproducer (fuzz, matrix, check). Every
// error is one line naming the file.
#pragma once

#include <string>
#include <vector>

#include "case.h"

namespace sc {

// "" and c filled, or why not ("f.case: open: ENOENT", a parse error).
std::string read_case_file(const std::string& path, Case& c);
// The *.case files of dir in name order; "" or the first error.
std::string read_case_dir(const std::string& dir, std::vector<Case>& out);
// Writes print_case(c) to path, creating its directory; "" or why not.
std::string write_case_file(const std::string& path, const Case& c);

}  // namespace sc
