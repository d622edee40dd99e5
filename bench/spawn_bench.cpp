// spawncheck-bench: spawn+wait latency of a tiny static child for every
// variant (variants.h), at several parent sizes and numbers of concurrent
// spawners, as Google Benchmark repetitions interleaved at random so every
// variant of one parent size sees the same machine. Writes one CSV row per
// repetition; bench/report.py turns a CSV into medians, ratios and a plot.
//
//   spawncheck-bench [--sizes=16,1024,4096] [--spawners=1,2] [--csv=FILE]
//                    [--child=EXIT0] [--probe=PROBE | --no-probe] [--no-clone3]
//                    [--benchmark_*...]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "ballast.h"
#include "no_clone3.h"
#include "variants.h"

namespace fs = std::filesystem;
using namespace spawncheck::bench;

namespace {

// What a registered benchmark measures; its name is the key.
struct Cell {
  long parent_mib;
  std::string child;
  std::string variant;
};

struct Row {
  Cell cell;
  long spawners;
  long repetition;
  long iterations;
  double latency_us;
  double parent_cpu_us;  // the spawning thread's, per spawn
  double child_cpu_us;   // per spawn
};

double cpu_us(const struct rusage &ru) {
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

// Besides the wall time, the CPU time the child used (from wait4): with the
// parent thread's CPU time that Google Benchmark measures, what a spawn
// costs, which queueing behind other work on a busy machine does not change.
void spawn_wait(benchmark::State &state, const Variant &v, const std::string &path) {
  char arg0[] = "child";
  char *argv[] = {arg0, nullptr};
  char *envp[] = {nullptr};
  double child_us = 0;
  for (auto _ : state) {
    pid_t pid = v.spawn(path.c_str(), argv, envp);
    if (pid < 0) {
      state.SkipWithError((std::string(v.name) + "(" + path + "): " + strerrorname_np(-pid)).c_str());
      break;
    }
    // The child exits at once; ci/bench bounds the whole run with timeout.
    int status = 0;
    struct rusage ru {};
    pid_t waited;
    while ((waited = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {
    }
    if (waited < 0) {
      state.SkipWithError((std::string("wait4: ") + strerrorname_np(errno)).c_str());
      break;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("child did not exit 0");
      break;
    }
    child_us += cpu_us(ru);
  }
  state.counters["child_cpu_us"] = benchmark::Counter(child_us, benchmark::Counter::kAvgIterations);
}

// Keeps every repetition for the CSV and shows only the medians.
class Collector : public benchmark::ConsoleReporter {
 public:
  explicit Collector(const std::map<std::string, Cell> &cells) : cells_(cells) {}

  void ReportRuns(const std::vector<Run> &runs) override {
    std::vector<Run> shown;
    for (const Run &r : runs) {
      if (r.error_occurred) {
        failed_ = true;
        shown.push_back(r);
      } else if (r.run_type == Run::RT_Aggregate) {
        if (r.aggregate_name == "median")
          shown.push_back(r);
      } else {
        // Google Benchmark divides real time by every thread's iterations:
        // one spawner waits threads times that for each of its spawns.
        // CPU time is summed over threads, so it is already per spawn.
        rows_.push_back({cells_.at(r.run_name.function_name), r.threads, r.repetition_index,
                         static_cast<long>(r.iterations), r.GetAdjustedRealTime() * static_cast<double>(r.threads),
                         r.GetAdjustedCPUTime(), r.counters.at("child_cpu_us").value});
      }
    }
    if (!shown.empty())
      ConsoleReporter::ReportRuns(shown);
  }

  bool failed() const { return failed_; }
  const std::vector<Row> &rows() const { return rows_; }

 private:
  const std::map<std::string, Cell> &cells_;
  std::vector<Row> rows_;
  bool failed_ = false;
};

// The real probe writes its report next to its executable: it runs from a
// copy in a scratch directory that goes away with this object.
class ProbeCopy {
 public:
  explicit ProbeCopy(const std::string &probe) {
    char tmpl[] = "/tmp/spawncheck-bench.XXXXXX";
    if (!mkdtemp(tmpl))
      throw std::system_error(errno, std::generic_category(), "mkdtemp");
    dir_ = tmpl;
    path_ = dir_ / "spawncheck-probe";
    std::error_code ec;
    fs::copy_file(probe, path_, ec);
    if (ec) {
      fs::remove_all(dir_, ec);
      throw std::runtime_error("cannot copy " + probe + " to a scratch directory");
    }
  }
  ~ProbeCopy() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  ProbeCopy(const ProbeCopy &) = delete;
  ProbeCopy &operator=(const ProbeCopy &) = delete;
  std::string path() const { return path_; }

 private:
  fs::path dir_, path_;
};

void write_csv(const std::string &file, const std::vector<Row> &rows) {
  std::ofstream out(file);
  out << "parent_mib,spawners,child,variant,repetition,iterations,latency_us,parent_cpu_us,child_cpu_us\n";
  for (const Row &r : rows)
    out << r.cell.parent_mib << ',' << r.spawners << ',' << r.cell.child << ',' << r.cell.variant << ','
        << r.repetition << ',' << r.iterations << ',' << r.latency_us << ',' << r.parent_cpu_us << ','
        << r.child_cpu_us << '\n';
  if (!out.flush())
    throw std::runtime_error("cannot write " + file);
}

const CLI::App *help_app;

void print_help() {
  std::cout << help_app->help() << "\nGoogle Benchmark's flags:\n";
  benchmark::PrintDefaultHelp();
}

}  // namespace

int main(int argc, char **argv) {
  CLI::App app{"spawn+wait latency of refcore, the libc and the raw primitives"};
  std::vector<long> sizes{16, 1024, 4096}, spawners{1, 2};
  std::string csv = "spawn_bench.csv", child = SPAWNCHECK_BENCH_EXIT0, probe = SPAWNCHECK_BENCH_PROBE;
  app.add_option("--sizes", sizes, "parent RSS to touch, MiB")->delimiter(',');
  app.add_option("--spawners", spawners, "concurrent spawning threads")->delimiter(',');
  app.add_option("--csv", csv, "one row per repetition");
  app.add_option("--child", child, "the static program spawned");
  bool no_probe = false;
  app.add_option("--probe", probe, "spawncheck-probe, measured once at the first size");
  app.add_flag("--no-probe", no_probe, "leave the real probe out");
  bool no_clone3 = false;
  app.add_flag("--no-clone3", no_clone3, "clone3 fails with ENOSYS (seccomp): measure the fallbacks");

  // Defaults first: the same flags given on the command line come later and win.
  std::vector<char *> args{argv[0]};
  std::string defaults[] = {"--benchmark_repetitions=40", "--benchmark_enable_random_interleaving=true",
                            "--benchmark_min_time=0.05"};
  for (std::string &d : defaults)
    args.push_back(d.data());
  args.insert(args.end(), argv + 1, argv + argc);
  int n = static_cast<int>(args.size());
  // --help reaches Google Benchmark first: its help then shows ours too.
  help_app = &app;
  benchmark::Initialize(&n, args.data(), print_help);

  CLI11_PARSE(app, n, args.data());
  // Before Google Benchmark starts a thread: they inherit the filter.
  if (no_clone3) {
    if (int err = bench_no_clone3()) {
      std::cerr << "spawncheck-bench: seccomp: " << std::generic_category().message(err) << "\n";
      return 2;
    }
  }

  try {
    std::map<std::string, Cell> cells;
    Collector collector(cells);
    for (size_t i = 0; i < sizes.size(); i++) {
      long mib = sizes[i];
      std::cerr << "touching " << mib << " MiB\n";
      Ballast ballast(static_cast<size_t>(mib) << 20);
      std::unique_ptr<ProbeCopy> probe_copy;
      if (i == 0 && !no_probe)
        probe_copy = std::make_unique<ProbeCopy>(probe);
      for (const Variant &v : variants()) {
        for (long t : spawners) {
          std::string name = std::string(v.name) + "/exit0/" + std::to_string(mib) + "MiB";
          cells[name] = {mib, "exit0", v.name};
          benchmark::RegisterBenchmark(name.c_str(), spawn_wait, v, child)
              ->Threads(static_cast<int>(t))
              ->UseRealTime()
              ->Unit(benchmark::kMicrosecond);
        }
        // The real probe: what a conformance case pays, once, for reference.
        std::string_view vn = v.name;
        if (probe_copy && (vn == "refcore" || vn == "libc" || vn == "raw-clone")) {
          std::string name = std::string(v.name) + "/probe/" + std::to_string(mib) + "MiB";
          cells[name] = {mib, "probe", v.name};
          benchmark::RegisterBenchmark(name.c_str(), spawn_wait, v, probe_copy->path())
              ->UseRealTime()
              ->Unit(benchmark::kMicrosecond);
        }
      }
      benchmark::RunSpecifiedBenchmarks(&collector);
      benchmark::ClearRegisteredBenchmarks();
    }
    benchmark::Shutdown();
    if (collector.rows().empty()) {
      std::cerr << "spawncheck-bench: nothing ran\n";
      return 2;
    }
    write_csv(csv, collector.rows());
    std::cerr << "wrote " << csv << "\n";
    return collector.failed() ? 1 : 0;
  } catch (const std::exception &e) {
    std::cerr << "spawncheck-bench: " << e.what() << "\n";
    return 2;
  }
}
