#include <sys/utsname.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "backends.h"
#include "case_files.h"
#include "catalogue.h"
#include "commands.h"
#include "matrix_report.h"
#include "progress.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

// The command line as a shell would take it back.
std::string command_line(const std::vector<std::string>& args) {
  std::string line = "spawncheck";
  for (const auto& a : args) {
    bool plain = !a.empty() && std::all_of(a.begin(), a.end(), [](unsigned char ch) {
      return std::isalnum(ch) || std::string_view("-_./=,:+@%").find(static_cast<char>(ch)) != std::string_view::npos;
    });
    if (plain) {
      line += " " + a;
      continue;
    }
    line += " '";
    for (char ch : a) line += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    line += "'";
  }
  return line;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string host_description() {
  utsname u{};
  if (::uname(&u) != 0) return "unknown";
  return fmt::format("{} ({} {} {}, {} cores)", u.nodename, u.sysname, u.release, u.machine,
                     std::max(1u, std::thread::hardware_concurrency()));
}

// A column that could not run: every cell BROKEN with the reason, so a
// target whose agent does not start is still a column of the report.
void fill_broken(MatrixColumn& col, const std::vector<const Check*>& checks, const std::string& why) {
  col.results.clear();
  for (const Check* c : checks) col.results.push_back({c, col.backend, Verdict::broken(why), 0});
}

void run_column(MatrixColumn& col, const TargetOrError& resolved, const std::vector<const Check*>& checks,
                const MatrixOptions& o, const std::function<void(const Check&)>& before_each) {
  if (!resolved.target) {
    col.how = "not runnable";
    fill_broken(col, checks, "target: " + resolved.error);
    return;
  }
  col.how = resolved.target->how;
  CatalogueRun run = run_catalogue(checks, col.backend, *resolved.target, o.judging, o.timeout_ms, before_each);
  col.seconds = run.seconds;
  if (run.error.empty()) col.results = std::move(run.results);
  else fill_broken(col, checks, run.error);
  col.findings = findings(col.results);
}

// Columns in the order to start them: those whose agent runs behind an
// emulator first, as they take several times longer, so no core idles
// through the end of the run waiting for one started last.
std::vector<std::size_t> start_order(const std::vector<TargetOrError>& resolved) {
  std::vector<std::size_t> order(resolved.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto emulated = [&](std::size_t i) { return resolved[i].target && resolved[i].target->emulated(); };
  std::stable_partition(order.begin(), order.end(), emulated);
  return order;
}

std::string column_line(const MatrixColumn& col) {
  auto s = summarise(col.results);
  std::string line =
      fmt::format("matrix: {}: {} PASS, {} FAIL ({} finding(s)), {} BROKEN, {} UNSUPPORTED, {} N/A in {:.1f} s",
                  col.label(), s.pass, s.fail, col.findings.size(), s.broken, s.unsupported, s.not_applicable,
                  col.seconds);
  if (s.broken > 0 && s.broken == static_cast<int>(col.results.size()))
    line += " — " + col.results.front().verdict.reason;
  return line;
}

// Writes text to out/rel, making its directory; "" or why it could not.
std::string write_file(const fs::path& out, const std::string& rel, const std::string& text) {
  fs::path p = out / rel;
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) return fmt::format("{}: {}", p.parent_path().string(), ec.message());
  std::ofstream f(p, std::ios::binary);
  f << text;
  if (!f.flush()) return fmt::format("cannot write {}", p.string());
  return {};
}

// Reproducers of an earlier run in the same --out would be linked from
// nowhere and mistaken for this run's.
void remove_old_reproducers(const fs::path& out, const MatrixColumn& col) {
  std::error_code ec;
  fs::path dir = out / "reproducers" / col.slug();
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".case") fs::remove(e.path(), ec);
}

}  // namespace

int cmd_matrix(const MatrixOptions& o) {
  std::vector<std::string> targets = o.targets.empty() ? target_names() : o.targets;
  std::vector<std::string> backends = o.backends.empty() ? std::vector<std::string>{"libc"} : o.backends;
  const auto& built = target_names();
  for (const auto& t : targets)
    if (std::find(built.begin(), built.end(), t) == built.end()) {
      fmt::print(stderr, "spawncheck: {}\n", target_error(t));
      return 2;
    }
  for (const auto& b : backends)
    if (auto e = backend_error(b); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }

  Matrix m;
  m.date = utc_now();
  m.host = host_description();
  m.command = command_line(o.args);
  m.profile = o.judging.profile;
  m.checks = select_checks(o.filter);
  if (m.checks.empty()) {
    fmt::print(stderr, "spawncheck: no check matches --filter '{}' (see spawncheck list)\n", o.filter);
    return 2;
  }
  std::set<std::string> slugs;
  for (const auto& t : targets)
    for (const auto& b : backends) {
      MatrixColumn col;
      col.target = t;
      col.backend = b;
      if (!slugs.insert(col.slug()).second) {
        fmt::print(stderr, "spawncheck: column {} is given twice\n", col.label());
        return 2;
      }
      m.columns.push_back(std::move(col));
    }
  const fs::path out = o.out;
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    fmt::print(stderr, "spawncheck: --out {}: {}\n", o.out, ec.message());
    return 2;
  }

  std::vector<TargetOrError> resolved;
  for (const auto& col : m.columns) resolved.push_back(resolve_target(col.target, col.backend, o.probe_mode));
  const auto order = start_order(resolved);

  // Columns are independent sessions: workers take the next one until none
  // is left. One mutex keeps progress output whole.
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  {
    Progress progress(m.checks.size() * m.columns.size());
    auto worker = [&] {
      for (std::size_t n = next++; n < order.size(); n = next++) {
        MatrixColumn& col = m.columns[order[n]];
        run_column(col, resolved[order[n]], m.checks, o, [&](const Check& c) {
          std::lock_guard lock(mu);
          progress.step(fmt::format("{} {}", col.label(), c.id));
        });
        std::lock_guard lock(mu);
        progress.show("");
        fmt::print("{}\n", column_line(col));
        std::fflush(stdout);
      }
    };
    unsigned jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < std::min<std::size_t>(jobs, m.columns.size()); ++j) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
  }

  std::size_t reproducers = 0;
  for (const auto& col : m.columns) {
    remove_old_reproducers(out, col);
    for (const auto& r : col.results) {
      if (!r.verdict.reproducer) continue;
      std::string rel = reproducer_path(col, *r.check);
      if (auto e = write_case_file((out / rel).string(), *r.verdict.reproducer); !e.empty()) {
        fmt::print(stderr, "spawncheck: {}\n", e);
        return 2;
      }
      ++reproducers;
    }
  }
  std::ostringstream md, html, xml;
  write_matrix_markdown(md, m);
  write_matrix_html(html, m);
  write_matrix_junit(xml, m);
  for (const auto& [name, text] : {std::pair{"matrix.md", md.str()}, {"matrix.html", html.str()},
                                   {"matrix.xml", xml.str()}}) {
    if (auto e = write_file(out, name, text); !e.empty()) {
      fmt::print(stderr, "spawncheck: {}\n", e);
      return 2;
    }
    fmt::print("wrote {}\n", (out / name).string());
  }
  if (reproducers > 0) fmt::print("wrote {} reproducer(s) under {}\n", reproducers, (out / "reproducers").string());

  auto s = summarise(m);
  if (s.pass == 0 && s.fail == 0)
    fmt::print(stderr, "spawncheck: no applicable check ran under profile {}\n", profile_name(o.judging.profile));
  return exit_status(m);
}

}  // namespace sc
