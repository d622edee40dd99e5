// The scratch directory: layout, fixture building, refusal of every way out
// of root/, identities, and that nothing is left behind.
#include "scratch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "case_format.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

unsigned mode_of(const fs::path& p) {
  struct stat st;
  EXPECT_EQ(lstat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

// Every test gets its own TMPDIR, so "nothing left behind" can be checked
// by listing it, and an outside directory a symlink could reach.
class ScratchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/scratch_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    base_ = tmpl;
    fs::create_directory(base_ / "tmp");
    fs::create_directory(base_ / "outside");
    std::ofstream(base_ / "outside" / "precious") << "keep";
    std::ofstream(base_ / "fake-probe") << "probe bytes";
    const char* old = std::getenv("TMPDIR");
    old_tmpdir_ = old ? std::optional<std::string>(old) : std::nullopt;
    setenv("TMPDIR", (base_ / "tmp").c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_)
      setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    else
      unsetenv("TMPDIR");
    fs::remove_all(base_);
  }
  std::string fake_probe() const { return (base_ / "fake-probe").string(); }
  bool tmp_is_empty() const { return fs::is_empty(base_ / "tmp"); }

  static Case parse(std::string_view text) {
    auto r = parse_case(text, "t.case");
    EXPECT_TRUE(r) << r.error;
    return r ? *r.value : Case{};
  }

  fs::path base_;
  std::optional<std::string> old_tmpdir_;
};

constexpr std::string_view kTail = "call posix_spawn \"p\"\nargv\nenvp\n";

TEST_F(ScratchTest, LayoutAndProbeCopy) {
  std::string dir;
  {
    Scratch s(fake_probe());
    dir = s.dir();
    EXPECT_EQ(fs::path(dir).parent_path(), fs::canonical(base_ / "tmp"));
    EXPECT_TRUE(fs::path(dir).filename().string().starts_with("spawncheck."));
    EXPECT_EQ(s.root(), dir + "/root");
    EXPECT_EQ(s.probe(), dir + "/sc/probe");
    EXPECT_TRUE(fs::is_directory(s.root()));
    EXPECT_EQ(slurp(s.probe()), "probe bytes");
    EXPECT_EQ(mode_of(s.probe()), 0755u);
  }
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(ScratchTest, MissingProbeThrowsAndLeavesNothing) {
  try {
    Scratch s((base_ / "no-such-probe").string());
    FAIL() << "constructed";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "open(" + (base_ / "no-such-probe").string() + "): ENOENT");
  }
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(ScratchTest, BuildsEveryFixtureKind) {
  Scratch s(fake_probe());
  auto c = parse(
      "spawncheck-case 1\nname t\n"
      "fixture file \"data.txt\" 0640 \"hello\\n\"\n"
      "fixture dir \"locked\" 0000\n"
      "fixture file \"locked/deep/inner\" 0400 \"x\"\n"
      "fixture fifo \"pipe0\" 0620\n"
      "fixture symlink \"sub/link\" \"../data.txt\"\n"
      "fixture probe \"bin/tool\"\n"
      "fixture probe \"p\"\n"
      "fixture script \"run.sh\" 0755 shebang \"arg1\\n\"\n"
      "fixture script \"plain.sh\" 0700 noshebang \"echo\\n\"\n"
      "fixture file \"setuid\" 4755 \"\"\n" +
      std::string(kTail));
  ASSERT_EQ(s.build_fixture(c), "");
  fs::path root = s.root();
  EXPECT_EQ(slurp(root / "data.txt"), "hello\n");
  EXPECT_EQ(mode_of(root / "data.txt"), 0640u);
  EXPECT_EQ(mode_of(root / "locked"), 0000u);
  fs::permissions(root / "locked", fs::perms::owner_all);  // to look inside without root
  EXPECT_EQ(mode_of(root / "locked/deep"), 0755u);
  EXPECT_EQ(slurp(root / "locked/deep/inner"), "x");
  EXPECT_TRUE(fs::is_fifo(root / "pipe0"));
  EXPECT_EQ(mode_of(root / "pipe0"), 0620u);
  EXPECT_EQ(fs::read_symlink(root / "sub/link"), "../data.txt");
  EXPECT_EQ(mode_of(root / "sub"), 0755u);
  EXPECT_EQ(fs::read_symlink(root / "bin/tool"), "../../sc/probe");
  EXPECT_EQ(fs::read_symlink(root / "p"), "../sc/probe");
  EXPECT_EQ(slurp(root / "bin/tool"), "probe bytes");
  EXPECT_EQ(slurp(root / "run.sh"), "#!" + s.dir() + "/sc/probe\narg1\n");
  EXPECT_EQ(mode_of(root / "run.sh"), 0755u);
  EXPECT_EQ(slurp(root / "plain.sh"), "echo\n");
  EXPECT_EQ(mode_of(root / "setuid"), 04755u);

  // A second build starts from an empty root, 0000 directories included.
  fs::permissions(root / "locked", fs::perms::none);
  ASSERT_EQ(s.build_fixture(parse("spawncheck-case 1\nname t\nfixture dir \"only\" 0755\n" + std::string(kTail))),
            "");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(root)) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"only"});
}

TEST_F(ScratchTest, RefusesEveryWayOut) {
  Scratch s(fake_probe());
  const std::string head = "spawncheck-case 1\nname t\n";
  ASSERT_EQ(s.build_fixture(parse(head + "fixture file \"keep\" 0644 \"\"\n" + std::string(kTail))), "");
  const std::pair<std::string, std::string> refused[] = {
      {"fixture file \"/etc/x\" 0644 \"\"\n" + std::string(kTail), "fixture path \"/etc/x\" is absolute"},
      {"fixture file \"../x\" 0644 \"\"\n" + std::string(kTail), "fixture path \"../x\" leaves the case root"},
      {"fixture dir \"a/../../x\" 0755\n" + std::string(kTail), "leaves the case root"},
      {"fixture dir \"a/..\" 0755\n" + std::string(kTail), "does not end in the name of a new entry"},
      {"fixture probe \"bin/tool\"\nfixture file \"bin/tool/x\" 0644 \"\"\n" + std::string(kTail),
       "fixture path \"bin/tool/x\" is below something that is not a directory"},
      {"fixture symlink \"l\" \"/etc\"\n" + std::string(kTail), "has an absolute target"},
      {"fixture symlink \"d/l\" \"../..\"\n" + std::string(kTail), "leads out of the case root"},
      // Through a symlink to a shallower directory, ".." climbs further than it looks.
      {"fixture dir \"a\" 0755\nfixture symlink \"a/s\" \".\"\nfixture file \"a/s/../../x\" 0644 \"\"\n" + std::string(kTail),
       "leaves the case root"},
      {"fixture dir \"a\" 0755\nfixture symlink \"a/up\" \"..\"\ncall posix_spawn \"p\"\nargv\nenvp\n"
       "action addopen 1 \"a/up/../x\" O_WRONLY|O_CREAT 0644\n",
       "action 1 path \"a/up/../x\" leaves the case root"},
      // Harmless from the root, but not after addchdir "a".
      {"fixture dir \"a\" 0755\nfixture symlink \"a/up\" \"..\"\ncall posix_spawn \"p\"\nargv\nenvp\n"
       "action addchdir \"a\"\naction addopen 1 \"up/..\" O_RDONLY 0000\n",
       "action 2 path \"up/..\" leaves the case root (from directory \"a\")"},
      {"fixture dir \"a\" 0755\nfixture symlink \"a/l\" \"b/../../../x\"\n" + std::string(kTail), "leads out"},
      {"call posix_spawn \"/bin/true\"\nargv\nenvp\n", "program \"/bin/true\" is absolute"},
      {"call posix_spawn \"../sc/probe\"\nargv\nenvp\n", "program \"../sc/probe\" leaves the case root"},
      {"parent cwd \"..\"\n" + std::string(kTail), "parent cwd \"..\" leaves the case root"},
      {"parent fd 3 open \"../../x\" O_RDONLY\n" + std::string(kTail), "parent fd 3 path"},
      {"call posix_spawn \"p\"\nargv\nenvp\naction addchdir \"/\"\n", "action 1 path \"/\" is absolute"},
      {"call posix_spawnp \"true\"\nargv\nenvp\n", "without PATH in `parent env`"},
      {"parent env \"PATH=bin:/usr/bin\"\ncall posix_spawnp \"true\"\nargv\nenvp\n",
       "program candidate \"/usr/bin/true\" (PATH entry \"/usr/bin\") is absolute"},
      {"parent env \"PATH=..\"\ncall posix_spawnp \"true\"\nargv\nenvp\n", "leaves the case root"},
  };
  for (const auto& [body, error] : refused) {
    auto err = s.build_fixture(parse(head + body));
    EXPECT_NE(err.find(error), std::string::npos) << body << "\n" << err;
    // Refused before anything was touched.
    EXPECT_TRUE(fs::exists(fs::path(s.root()) / "keep")) << body;
  }
  const std::string accepted[] = {
      "fixture file \"sub/../data.txt\" 0644 \"\"\n" + std::string(kTail),
      "fixture symlink \"loop1\" \"loop2\"\nfixture symlink \"loop2\" \"loop1\"\ncall posix_spawn \"loop1/../..\"\nargv\nenvp\n",
      "fixture probe \"bin/tool\"\nparent env \"PATH=nothere:bin:\"\ncall posix_spawnp \"tool\"\nargv\nenvp\n",
      "fixture dir \"a\" 0755\nfixture symlink \"a/up\" \"..\"\ncall posix_spawn \"a/up/a/up/p\"\nargv\nenvp\n",
      "fixture file \"f\" 0644 \"\"\ncall posix_spawn \"f/../../x\"\nargv\nenvp\n",  // ENOTDIR at f
  };
  for (const auto& body : accepted) EXPECT_EQ(s.build_fixture(parse(head + body)), "") << body;
}

TEST_F(ScratchTest, IdentitiesNameRealObjects) {
  Scratch s(fake_probe());
  auto c = parse(
      "spawncheck-case 1\nname t\n"
      "fixture file \"dir/long-name.txt\" 0644 \"\"\n"
      "fixture symlink \"link\" \"dir/long-name.txt\"\n"
      "fixture probe \"bin/tool\"\n" +
      std::string(kTail));
  ASSERT_EQ(s.build_fixture(c), "");
  fs::path root = s.root();
  ASSERT_EQ(link((root / "dir/long-name.txt").c_str(), (root / "short").c_str()), 0);  // a hard link: shorter name wins
  std::ofstream(root / "dir/created") << "by the run";
  auto ids = s.identities(c);
  auto id = [&](const fs::path& p) {
    struct stat st;
    EXPECT_EQ(stat(p.c_str(), &st), 0) << p;
    auto it = ids.find({major(st.st_dev), minor(st.st_dev), static_cast<std::uint64_t>(st.st_ino)});
    return it == ids.end() ? std::string("none") : it->second;
  };
  EXPECT_EQ(id(root), "path:.");
  EXPECT_EQ(id(root / "dir"), "path:dir");
  EXPECT_EQ(id(root / "link"), "path:short");
  EXPECT_EQ(id(root / "dir/long-name.txt"), "path:short");
  EXPECT_EQ(id(root / "dir/created"), "path:dir/created");
  EXPECT_EQ(id(root / "bin/tool"), "path:bin/tool");
  EXPECT_EQ(ids.size(), 6u);  // ., dir, short, dir/created, bin, sc/probe
}

TEST_F(ScratchTest, CleanupNeverFollowsSymlinksOut) {
  {
    Scratch s(fake_probe());
    auto c = parse("spawncheck-case 1\nname t\nfixture dir \"d\" 0000\nfixture dir \"d/e\" 0500\n" + std::string(kTail));
    ASSERT_EQ(s.build_fixture(c), "");
    // What a misbehaving run might leave: links out of the scratch dir.
    fs::create_directory_symlink(base_ / "outside", fs::path(s.root()) / "escape");
    fs::create_symlink(base_ / "outside" / "precious", fs::path(s.root()) / "file-link");
    fs::create_directory_symlink(base_ / "outside", fs::path(s.dir()) / "sc" / "escape");
  }
  EXPECT_TRUE(tmp_is_empty());
  EXPECT_EQ(slurp(base_ / "outside" / "precious"), "keep");
}

}  // namespace
}  // namespace sc
