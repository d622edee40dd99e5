// The differential target: the input's bytes are the generator's decisions
// (Choices), the case they make runs on a backend (SPAWNCHECK_FUZZ_BACKEND,
// default libc; "impl:/path/x.so" for a library) and is judged against the
// model. A divergence prints the case and aborts so the engine keeps the
// input; with SPAWNCHECK_FUZZ_OUT set, the minimised case is also written
// there as a reproducer for `spawncheck replay`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "backends.h"
#include "case_files.h"
#include "case_format.h"
#include "generate.h"
#include "judge.h"
#include "minimise.h"
#include "reproducer.h"
#include "session.h"

namespace {

// One per process, made on the first input: libFuzzer's -fork/-jobs
// workers are processes, so each gets its own agent and scratch directory,
// and an orchestrator that never runs an input starts none.
std::unique_ptr<sc::Session> session;

// Registered once the agent has started, so it runs before the statics the
// agent client made while starting it (exit runs them in reverse order).
void end_session() { session.reset(); }

std::string backend_name() {
  const char* b = std::getenv("SPAWNCHECK_FUZZ_BACKEND");
  return b && *b ? b : "libc";
}

[[noreturn]] void setup_failed(const std::string& why) {
  fmt::print(stderr, "fuzz_spawn_diff: {}\n", why);
  end_session();
  std::_Exit(2);  // not abort(): a broken setup is not a finding
}

// An OSS-Fuzz/ClusterFuzzLite build runs from $OUT, away from the build
// tree, with the agent and probe copied beside it (.clusterfuzzlite/build.sh).
sc::Target target_beside_or_built() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  const fs::path agent = dir / "spawncheck-agent", probe = dir / "spawncheck-probe";
  sc::Target t = sc::host_target();
  if (!ec && fs::exists(agent, ec) && fs::exists(probe, ec)) {
    t.agent = {agent.string()};
    t.probe = probe.string();
  }
  return t;
}

sc::Session& the_session() {
  if (session) return *session;
  const std::string backend = backend_name();
  if (auto e = sc::backend_error(backend); !e.empty()) setup_failed(e);
  try {
    session = std::make_unique<sc::Session>(backend, target_beside_or_built());
  } catch (const std::exception& e) {
    setup_failed(e.what());
  }
  if (auto e = sc::preflight(*session); !e.empty()) setup_failed(fmt::format("backend {}: {}", backend, e));
  std::atexit(end_session);
  return *session;
}

std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ULL;
  return h;
}

// The reproducer: the case reduced while it keeps the same kind of
// divergence.
void write_reproducer(sc::Session& s, sc::Case c, sc::Divergence d, const std::string& dir, std::uint64_t id) {
  sc::Minimised m = sc::minimise(std::move(c), [&](const sc::Case& candidate) {
    sc::Judgement k = sc::judge_run(sc::predict_and_run(s, candidate), candidate);
    if (k.what != sc::Judged::Diverges || k.divergence->cause.key != d.cause.key) return false;
    d = *k.divergence;
    return true;
  });
  sc::Case r = sc::reproducer(std::move(m.c), fmt::format("spawn-diff-{:016x}", id), d, s.backend(), "fuzz_spawn_diff");
  const std::string file = fmt::format("{}/{}.case", dir, r.name);
  auto e = sc::write_case_file(file, r);
  fmt::print(stderr, "fuzz_spawn_diff: {} ({}: {}; minimised in {} runs)\n", e.empty() ? "wrote " + file : e, d.cause.title,
             d.detail, m.runs);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sc::Session& s = the_session();
  sc::Choices choices(data, size);
  sc::Case c = sc::generate_case(choices, sc::GenConfig{s.model_env().nofile, s.model_env().arg_max});
  sc::Judgement j = sc::judge_run(sc::predict_and_run(s, c), c);
  if (j.what != sc::Judged::Diverges) return 0;

  fmt::print(stderr, "fuzz_spawn_diff: backend {} diverges from the model: {}: {}\n{}", s.backend(),
             j.divergence->cause.title, j.divergence->detail, sc::print_case(c));
  if (const char* dir = std::getenv("SPAWNCHECK_FUZZ_OUT"); dir && *dir)
    write_reproducer(s, std::move(c), *j.divergence, dir, fnv1a(data, size));
  end_session();  // abort() skips atexit: leave no agent or scratch behind
  std::abort();
}
