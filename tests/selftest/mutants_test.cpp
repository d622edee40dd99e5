// The mutation self-test: the whole catalogue against every mutant of
// tests/broken/mutants.def, each of which it must FAIL somewhere, except
// the survivors declared there (`ctest -L mutants`). The fuzzer does not
// count. With --report [--jobs N] it runs them all and prints the kill
// ratio per guarantee class as Markdown instead (docs/mutants.md).
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "catalogue.h"
#include "check.h"
#include "mutants.h"
#include "surface.h"

namespace sc {
namespace {

std::vector<sc_mutant> all_mutants() {
  std::vector<sc_mutant> v(SC_MUTANT_MAX);
  v.resize(std::min<std::size_t>(sc_mutants(v.data(), v.size()), SC_MUTANT_MAX + 1));
  return v;
}

const std::vector<sc_mutant>& mutants() {
  static const std::vector<sc_mutant> v = all_mutants();
  return v;
}

std::string library(const std::string& name) {
  return std::string(SC_MUTANT_DIR) + "/" + (name.empty() ? "../libsc-mutant.so" : "libsc-mutant-" + name + ".so");
}

// What the catalogue made of one library.
struct Outcome {
  std::vector<std::string> failed, broken;  // check ids
  std::string error;                        // nothing ran (catalogue.h)
  double seconds = 0;
  int runs = 1;
};

Outcome run_against(const std::string& name) {
  const CatalogueRun run = run_catalogue(select_checks("*"), "impl:" + library(name), host_target(), Judging{Profile::Linux, {}}, 0);
  Outcome o;
  o.error = run.error;
  o.seconds = run.seconds;
  for (const auto& r : run.results) {
    if (r.verdict.status == Status::Fail) o.failed.push_back(r.check->id);
    if (r.verdict.status == Status::Broken) o.broken.push_back(r.check->id + " (" + r.verdict.reason + ")");
  }
  return o;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string w; std::getline(in, w, sep);)
    if (!w.empty()) out.push_back(w);
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  return v.empty() ? "none" : fmt::format("{}", fmt::join(v, ", "));
}

bool declared(const sc_mutant& m, std::string_view kind) { return m.survives && m.survives == kind; }

// A mutant that must be caught gets three runs: some checks catch by
// chance (signals.caller-handlers-never-run-in-child misses a handler left
// in the child about once in a hundred runs).
constexpr int kRuns = 3;

Outcome judged_run(const sc_mutant& m) {
  Outcome o;
  for (int run = 1; run <= kRuns; ++run) {
    o = run_against(m.name);
    o.runs = run;
    if (m.survives || !o.error.empty() || !o.failed.empty()) break;
  }
  return o;
}

// UNDETECTABLE and MISSED must survive; ALLOWED may go either way.
// The first three, for a table that must stay readable.
std::string brief(const std::vector<std::string>& v) {
  std::vector<std::string> head(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(v.size(), 3)));
  return v.empty() ? "—" : joined(head) + (v.size() > 3 ? ", …" : "");
}

bool must_survive(const sc_mutant& m) { return declared(m, "UNDETECTABLE") || declared(m, "MISSED"); }

TEST(Mutants, DeclarationIsConsistent) {
  ASSERT_LE(sc_mutants(nullptr, 0), static_cast<std::size_t>(SC_MUTANT_MAX)) << "raise SC_MUTANT_MAX (mutants.h)";
  const char* stale = sc_mutant_stale_survivor();
  EXPECT_EQ(stale, nullptr) << "mutants.def: SC_SURVIVOR(\"" << stale << "\") names no mutant";
  std::set<std::string> names, classes;
  for (const Check& c : registry()) classes.insert(std::string(class_id(c.cls)));
  // Every kind of argument the surface has is mutated.
  const std::set<std::string> mutated = {
#define SC_ARG_MUTATION(kind, ID, how, each, what) #kind,
#include "mutants.def"
  };
  for (const auto& a : actions())
    for (const auto& kind : split(std::string(a.signature), ' '))
      EXPECT_TRUE(mutated.count(kind)) << a.name << "'s argument kind " << kind << " has no SC_ARG_MUTATION";
  for (const auto& m : mutants()) {
    EXPECT_TRUE(names.insert(m.name).second) << "two mutants named " << m.name;
    EXPECT_TRUE(classes.count(m.cls)) << m.name << ": class " << m.cls << " has no check";
    EXPECT_TRUE(std::filesystem::exists(library(m.name))) << library(m.name) << " was not built";
  }
}

// The one library every mutant is, as itself: what each mutant is told
// apart from. It must pass the whole catalogue, like libsc-broken-none.
TEST(Mutants, NoneWithoutAMutant) {
  Outcome o = run_against("");
  ASSERT_EQ(o.error, "");
  EXPECT_TRUE(o.failed.empty()) << "the naive implementation itself fails " << joined(o.failed);
  EXPECT_TRUE(o.broken.empty()) << "BROKEN: " << joined(o.broken);
}

class Mutant : public ::testing::TestWithParam<sc_mutant> {};

TEST_P(Mutant, CaughtByTheCatalogue) {
  const sc_mutant& m = GetParam();
  Outcome o = judged_run(m);
  ASSERT_EQ(o.error, "") << m.name << ": nothing ran";
  const std::string about = fmt::format("{} ({}): FAIL in {}; BROKEN in {} (run {} of {})", m.name, m.what,
                                        joined(o.failed), joined(o.broken), o.runs, kRuns);
  if (!m.survives) {
    EXPECT_FALSE(o.failed.empty()) << "the catalogue misses mutant " << about
                                   << "\n  add a check, or declare it in tests/broken/mutants.def (SC_SURVIVOR)";
  } else if (must_survive(m)) {
    EXPECT_TRUE(o.failed.empty()) << "declared " << m.survives << " (" << m.why << ") but caught: " << about
                              << "\n  remove its SC_SURVIVOR line, or find what the check judges";
  } else {
    std::printf("%s, %s (%s): %s\n", m.name, m.survives, m.why, about.c_str());
  }
}

std::string test_name(const sc_mutant& m) {
  std::string n = m.name;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Generated, Mutant, ::testing::ValuesIn(mutants()),
                         [](const auto& i) { return test_name(i.param); });

// ---- --report ----------------------------------------------------------------

// One line a report worker sends: name \t seconds \t failed ids (comma) \t broken \t error \t runs.
std::string record(const sc_mutant& m, const Outcome& o) {
  auto flat = [](std::string s) {
    std::replace(s.begin(), s.end(), '\t', ' ');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
  };
  return fmt::format("{}\t{:.2f}\t{}\t{}\t{}\t{}\n", m.name, o.seconds,
                     flat(fmt::format("{}", fmt::join(o.failed, ","))), flat(fmt::format("{}", fmt::join(o.broken, "; "))),
                     flat(o.error), o.runs);
}


// Runs every mutant in `jobs` processes (each its own agents); the
// outcomes by mutant name.
std::map<std::string, Outcome> run_all(unsigned jobs) {
  std::vector<std::pair<pid_t, FILE*>> workers;
  for (unsigned k = 0; k < jobs; ++k) {
    int p[2];
    if (pipe(p) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(fmt::format("fork: {}", std::strerror(errno)));
    if (pid == 0) {
      close(p[0]);
      for (std::size_t i = k; i < mutants().size(); i += jobs) {
        std::string line = record(mutants()[i], judged_run(mutants()[i]));
        if (write(p[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(1);
        std::fprintf(stderr, "%s\n", mutants()[i].name);
      }
      _exit(0);
    }
    close(p[1]);
    workers.emplace_back(pid, fdopen(p[0], "r"));
  }
  std::map<std::string, Outcome> out;
  for (auto& [pid, in] : workers) {
    char buf[65536];
    while (std::fgets(buf, sizeof buf, in)) {
      std::string line(buf);
      if (!line.empty() && line.back() == '\n') line.pop_back();
      std::vector<std::string> f;
      std::stringstream ls(line);
      for (std::string w; std::getline(ls, w, '\t');) f.push_back(w);
      f.resize(6);
      Outcome& o = out[f[0]];
      o.seconds = std::stod(f[1].empty() ? "0" : f[1]);
      o.failed = split(f[2], ',');
      o.broken = split(f[3], ';');
      o.error = f[4];
      o.runs = f[5].empty() ? 1 : std::stoi(f[5]);
    }
    std::fclose(in);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  return out;
}

int report(unsigned jobs) {
  const auto outcomes = run_all(jobs);
  struct Row {
    int total = 0, killed = 0, undetectable = 0, allowed = 0, missed = 0, real = 0;
    void add(const Row& r) {
      total += r.total, killed += r.killed, undetectable += r.undetectable, allowed += r.allowed;
      missed += r.missed, real += r.real;
    }
  };
  std::map<std::string, Row> rows;  // by class id
  std::vector<std::string> survivors, unexpected, linux_only, retried, every;
  double seconds = 0;
  for (const auto& m : mutants()) {
    auto it = outcomes.find(m.name);
    if (it == outcomes.end() || !it->second.error.empty()) {
      unexpected.push_back(fmt::format("| `{}` | did not run: {} |", m.name,
                                       it == outcomes.end() ? "no result" : it->second.error));
      continue;
    }
    const Outcome& o = it->second;
    seconds += o.seconds;
    Row& r = rows[m.cls];
    const bool killed = !o.failed.empty(), allowed = declared(m, "ALLOWED");
    ++r.total;
    r.killed += killed;
    r.undetectable += declared(m, "UNDETECTABLE");
    r.allowed += allowed;
    r.missed += declared(m, "MISSED");
    r.real += killed && !allowed;
    if (killed && std::none_of(o.failed.begin(), o.failed.end(), [](const std::string& id) {
          const Check* c = nullptr;
          for (const Check& k : registry())
            if (k.id == id) c = &k;
          return c && c->profile == Profile::Posix;
        }))
      linux_only.push_back(fmt::format("| `{}` | {} | {} |", m.name, m.what, joined(o.failed)));
    if (m.survives)
      survivors.push_back(fmt::format("| `{}` | {} | {} | {} | {} |", m.name, m.what, m.survives, m.why,
                                      killed ? "FAIL in " + joined(o.failed) : std::string("survives")));
    if ((!m.survives && !killed) || (must_survive(m) && killed)) {
      unexpected.push_back(fmt::format("| `{}` | {}: FAIL in {}; BROKEN in {} |", m.name, m.what, joined(o.failed),
                                       joined(o.broken)));
    }
    if (o.runs > 1 && killed)
      retried.push_back(fmt::format("| `{}` | {} | {} | {} |", m.name, m.what, o.runs, joined(o.failed)));
    every.push_back(fmt::format("| `{}` | {} | {} | {} | {} |", m.name, m.cls, m.what, o.failed.size(),
                                brief(o.failed)));
  }
  std::printf("| class | mutants | killed | killed/total | undetectable | POSIX-allowed | missed | real kills / "
              "(total − undetectable − allowed) |\n"
              "|---|---|---|---|---|---|---|---|\n");
  auto line = [](const std::string& title, const Row& r) {
    const int base = r.total - r.undetectable - r.allowed;
    const std::string real = base ? fmt::format("{}/{} ({:.0f}%)", r.real, base, 100.0 * r.real / base) : "—";
    std::printf("| %s | %d | %d | %.0f%% | %d | %d | %d | %s |\n", title.c_str(), r.total, r.killed,
                r.total ? 100.0 * r.killed / r.total : 0.0, r.undetectable, r.allowed, r.missed, real.c_str());
  };
  Row sum;
  for (const std::string_view id : {
#define SC_CLASS(id, title) #id,
#include "classes.def"
       }) {
    auto it = rows.find(std::string(id));
    if (it == rows.end()) continue;
    std::string title(id);
    for (const Check& c : registry())
      if (class_id(c.cls) == id) title = std::string(class_title(c.cls));
    line(title, it->second);
    sum.add(it->second);
  }
  line("**all**", sum);
  auto table = [](const char* title, const char* head, const std::vector<std::string>& lines) {
    std::printf("\n### %s\n\n%s\n", title, lines.empty() ? "None." : head);
    for (const auto& l : lines) std::printf("%s\n", l.c_str());
  };
  table("Survivors (mutants.def, SC_SURVIVOR)", "| mutant | mutation | kind | why | catalogue |\n|---|---|---|---|---|",
        survivors);
  table("Killed only by Linux-profile checks", "| mutant | mutation | FAIL in |\n|---|---|---|", linux_only);
  table("Caught only on a later run", "| mutant | mutation | runs | FAIL in |\n|---|---|---|---|", retried);
  table("Not as declared", "| mutant | outcome |\n|---|---|", unexpected);
  table("Every mutant", "| mutant | class | mutation | checks that FAIL it | the first three |\n|---|---|---|---|---|",
        every);
  std::printf("\n%zu mutants, %.0f s of catalogue runs in %u processes.\n", mutants().size(), seconds, jobs);
  return unexpected.empty() ? 0 : 1;
}

}  // namespace
}  // namespace sc

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--report") {
    unsigned jobs = argc == 4 && std::string(argv[2]) == "--jobs" ? static_cast<unsigned>(std::stoul(argv[3])) : 2;
    try {
      return sc::report(std::max(jobs, 1u));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "mutants --report: %s\n", e.what());
      return 2;
    }
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
