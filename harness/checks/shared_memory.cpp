// Shared memory: under Linux the child's writes are the parent's writes.
#include <fmt/format.h>

#include "check.h"
#include "check_util.h"

namespace sc {
namespace {

Verdict child_writes_seen(Session& s) {
  auto r = s.scenario("vfork-share");
  if (auto t = trouble(r)) return *t;
  std::vector<std::string> lost;
  for (auto where : {"global", "heap", "stack"})
    if (r.get(where) != "1") lost.emplace_back(where);
  if (!lost.empty())
    return Verdict::fail(fmt::format("the child's writes to {} were not seen by the parent", fmt::join(lost, ", ")));
  return Verdict::pass();
}

}  // namespace

void add_shared_memory_checks(std::vector<Check>& out) {
  out.push_back({"shared_memory.child-writes-seen-by-parent", Class::shared_memory, Profile::Linux,
                 "vfork(2), Linux description; TLPI 24.3",
                 "Until that point, the child shares all memory with its parent, including the stack.",
                 child_writes_seen});
}

}  // namespace sc
