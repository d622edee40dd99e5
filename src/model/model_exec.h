// model_exec.h — execve(2) and the posix_spawnp PATH search over the
// simulated file system (internal).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model.h"
#include "model_common.h"
#include "model_fs.h"

namespace sc::mdl {

struct ExecResult {
  Err err;
  std::vector<std::string> argv;  // what the program sees (after a #! rewrite)
};

class Exec {
 public:
  Exec(const SimFs& fs, const ModelEnv& env, int cwd, const std::vector<std::string>& argv,
       const std::vector<std::string>& envp, std::function<bool(int)> open_for_writing,
       std::vector<std::string>& trace)
      : fs_(fs), env_(env), cwd_(cwd), argv_(argv), envp_(envp),
        open_for_writing_(std::move(open_for_writing)), trace_(trace) {}

  // execve(path, argv, envp) from the child's cwd.
  ExecResult path(const std::string& path) const;
  // posix_spawnp: `file` as is when it has a '/', else searched in the
  // PATH of the caller's environment. The implementation's choices are
  // asked for only when the search reaches them: refuse a name over
  // NAME_MAX (LONG_NAME, true: refused), where to look with PATH unset
  // (UNSET_PATH, true: the cwd first), and its list of system directories.
  ExecResult search(const std::string& file, const std::vector<std::string>& caller_env,
                    const std::function<unsigned()>& long_name, const std::function<unsigned()>& unset_path,
                    const std::string& system_dirs) const;

 private:
  Err fits(std::uint64_t bytes, std::uint64_t pointers, const char* what) const;
  ExecResult script(const std::string& path) const;

  const SimFs& fs_;
  const ModelEnv& env_;
  int cwd_;
  const std::vector<std::string>& argv_;
  const std::vector<std::string>& envp_;
  std::function<bool(int)> open_for_writing_;
  std::vector<std::string>& trace_;
};

}  // namespace sc::mdl
