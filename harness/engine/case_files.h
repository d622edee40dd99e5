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
// "" and text filled with the file's bytes, or why not.
std::string read_case_text(const std::string& path, std::string& text);
// The case files a command line names: a file as given, a directory as
// every *.case below it, in name order; "" or the first error.
std::string find_case_files(const std::vector<std::string>& paths, std::vector<std::string>& out);
// The *.case files of dir in name order; "" or the first error.
std::string read_case_dir(const std::string& dir, std::vector<Case>& out);
// Writes print_case(c) to path, creating its directory; "" or why not.
std::string write_case_file(const std::string& path, const Case& c);

}  // namespace sc
