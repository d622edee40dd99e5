// spawncheck explain: the model's prediction for a case and the rules
// behind it, without running anything (no agent, no scratch directory).
#include <fmt/format.h>

#include "case_files.h"
#include "case_format.h"
#include "commands.h"
#include "model_env.h"
#include "prediction_text.h"

namespace sc {
namespace {

// Where a session's probe would be (Scratch: $TMPDIR/spawncheck.XXXXXX/sc/probe)
// with the default TMPDIR: a #! line names it, and its length counts
// towards E2BIG.
constexpr std::string_view kProbePlaceholder = "/tmp/spawncheck.XXXXXX/sc/probe";

}  // namespace

int cmd_explain(const ExplainOptions& o) {
  Case c;
  if (auto e = read_case_file(o.file, c); !e.empty()) {
    fmt::print(stderr, "spawncheck: {}\n", e);
    return 2;
  }
  const auto expect = o.judging.expect.value_or(Expectation::Posix);
  auto p = predict(c, host_model_env(std::string(kProbePlaceholder), o.judging.profile, expect));
  fmt::print("case {} ({}): {} {}, under --profile {} --expect {}\n", c.name, o.file,
             c.func == Func::Spawn ? "posix_spawn" : "posix_spawnp", case_quote(c.program),
             profile_name(o.judging.profile), expect_name(expect));
  fmt::print("{}", describe_prediction(p, c));
  return p.unpredictable.empty() ? 0 : 1;
}

}  // namespace sc
