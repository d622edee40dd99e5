// Writes the seed corpus of fuzz_spawn_diff (corpus/fuzz_spawn_diff/): few
// inputs that between them reach every action, open flag, attribute and
// parent state the generator has. Inputs are random bytes kept when their
// case shows something no earlier one did, then cut to the shortest prefix
// giving the same case. Deterministic, so rerunning it after the generator
// changes gives a reviewable diff:
//   build/default/fuzz/spawn_diff_seeds corpus/fuzz_spawn_diff
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "case_format.h"
#include "generate.h"

namespace {

using Bytes = std::vector<std::uint8_t>;

// Fixed rather than the host's, so the seeds do not depend on the machine.
const sc::GenConfig kConfig{1024};

sc::Case case_of(const Bytes& b, std::size_t len) {
  sc::Choices ch(b.data(), len);
  return sc::generate_case(ch, kConfig);
}

std::set<std::string> features(const sc::Case& c) {
  std::set<std::string> f;
  for (const auto& e : c.fixture) f.insert(fmt::format("fixture {}", static_cast<int>(e.kind)));
  for (const auto& p : c.fds) {
    f.insert(fmt::format("parent fd {}{}", static_cast<int>(p.kind), p.cloexec ? " cloexec" : ""));
    if (p.offset) f.insert("parent fd offset");
  }
  if (c.sigmask) f.insert("parent sigmask");
  if (c.sigign) f.insert("parent sigign");
  if (c.sigcatch) f.insert("parent sigcatch");
  if (c.umask != 022) f.insert("parent umask");
  if (c.func == sc::Func::Spawnp) f.insert("spawnp");
  if (c.program != "bin/probe") f.insert("program " + c.program);
  f.insert(fmt::format("argv {}", c.argv.size() > 3 ? "many" : std::to_string(c.argv.size())));
  f.insert(c.env_inherit ? "env inherit" : fmt::format("envp {}", c.envp.size()));
  for (const auto& a : c.actions) {
    f.insert(fmt::format("action {}", static_cast<int>(a.op)));
    for (unsigned i = 0; i < 32; ++i)
      if (a.oflags & (sc::OFlags{1} << i)) f.insert(fmt::format("oflag {}", i));
    if (a.op == sc::Op::ADDDUP2 && a.fd == a.newfd) f.insert("dup2 same fd");
    if (a.fd >= kConfig.nofile - 2) f.insert("fd near the limit");
    if (a.fd < 0 || a.fd > kConfig.nofile) f.insert("fd out of range");
  }
  if (c.actions.size() >= 6) f.insert("many actions");
  if (c.attr.flags)
    for (unsigned i = 0; i < 32; ++i)
      if (*c.attr.flags & (sc::AttrFlags{1} << i)) f.insert(fmt::format("attr flag {}", i));
  if (c.attr.sigmask) f.insert("attr sigmask");
  if (c.attr.sigdefault) f.insert("attr sigdefault");
  if (c.attr.pgroup) f.insert("attr pgroup");
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  std::mt19937_64 rng(1);
  std::set<std::string> seen;
  unsigned written = 0;
  for (unsigned tries = 0; tries < 20000; ++tries) {
    Bytes b(64 + rng() % 256);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    const sc::Case c = case_of(b, b.size());
    bool fresh = false;
    for (const auto& f : features(c)) fresh |= seen.insert(f).second;
    if (!fresh) continue;
    std::size_t len = b.size();
    while (len > 0 && case_of(b, len - 1) == c) --len;
    const std::string file = fmt::format("{}/seed-{:03}", argv[1], written++);
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(len));
    if (!out.flush()) {
      std::fprintf(stderr, "spawn_diff_seeds: cannot write %s\n", file.c_str());
      return 1;
    }
  }
  std::printf("spawn_diff_seeds: %u seeds covering %zu features\n", written, seen.size());
  return 0;
}
