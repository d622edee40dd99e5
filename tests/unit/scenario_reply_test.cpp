// scenario_reply_test.cpp — a scenario's reply is its declared record
// (src/protocol/scenarios.def) or refused with the field's name; a check
// is never judged on a field the agent did not send.
#include "scenario_reply.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "check.h"
#include "session.h"
#include "test_support.h"

namespace sc {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

const Lines kRelease = {{"spawns", "20"}, {"errors", "0"}, {"caller-image", "0"},
                        {"program", "18"}, {"gone", "2"},   {"other", "0"}};

Lines without(Lines lines, std::string_view key) {
  std::erase_if(lines, [&](const auto& l) { return l.first == key; });
  return lines;
}

TEST(ScenarioRecord, ReadsEveryDeclaredField) {
  auto r = parse_scenario_record(Scenario::release, kRelease);
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.value->count(Field::release_program), 18u);
  EXPECT_EQ(r.value->count(Field::release_spawns), 20u);
}

TEST(ScenarioRecord, RefusesAMissingField) {
  auto r = parse_scenario_record(Scenario::release, without(kRelease, "program"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error, "scenario spawn-release reply: missing field 'program'");
}

TEST(ScenarioRecord, RefusesUndeclaredRepeatedAndMalformedFields) {
  Lines extra = kRelease;
  extra.emplace_back("programme", "1");
  EXPECT_EQ(parse_scenario_record(Scenario::release, extra).error,
            "scenario spawn-release reply: undeclared field 'programme'");
  Lines twice = kRelease;
  twice.emplace_back("gone", "1");
  EXPECT_EQ(parse_scenario_record(Scenario::release, twice).error, "scenario spawn-release reply: field 'gone' twice");
  Lines bad = without(kRelease, "gone");
  bad.emplace_back("gone", "-1");
  EXPECT_EQ(parse_scenario_record(Scenario::release, bad).error,
            "scenario spawn-release reply: field 'gone' is '-1', expected a number");
  EXPECT_FALSE(parse_scenario_record(Scenario::suspend, {{"flag-at-return", "yes"}, {"window-us", "10"}}));
  EXPECT_FALSE(parse_scenario_record(Scenario::exit_hazard, {{"ret", "ENOPE"}, {"canary-count", "1"}, {"atexit-ran", "0"}}));
}

TEST(ScenarioRecord, RepeatedAndOptionalFields) {
  auto r = parse_scenario_record(Scenario::concurrent, {{"thread", "0 0 x70"}, {"thread", "1 EAGAIN probe-missing"}});
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.value->all(Field::concurrent_thread), (std::vector<std::string>{"0 0 x70", "1 EAGAIN probe-missing"}));
  auto p = parse_scenario_record(Scenario::pgroup, {{"ret", "0"}, {"group", "42"}});
  ASSERT_TRUE(p) << p.error;
  EXPECT_FALSE(p.value->has(Field::pgroup_probe_pgid));
  // An absent field has no value to fall back on, and a field of another
  // scenario is a harness bug.
  EXPECT_THROW(p.value->integer(Field::pgroup_probe_pgid), std::runtime_error);
  EXPECT_THROW(p.value->count(Field::release_program), std::logic_error);
}

// Before typed replies, a missing key read as "" and this check passed
// ("" != "0": "the program was still running"). A check must never pass
// on a field the agent did not send: it is BROKEN, naming the field.
TEST(ScenarioRecord, ACheckGivenAReplyWithoutItsFieldIsBroken) {
  const std::string dir = test::temp_dir("spawncheck-fake-agent.");
  const std::string reply = dir + "/reply";
  std::ofstream(reply) << "agent 1\nbackend libc\nresult ok\nscenario spawns 20\nscenario errors 0\n"
                          "scenario caller-image 0\nscenario gone 20\nscenario other 0\nzombies 0\nend\n";
  Target fake = host_target();
  fake.agent = {SC_FAKE_AGENT, reply};
  const Check* check = nullptr;
  for (const auto& c : registry())
    if (c.id == "suspension.spawn-released-at-exec-not-exit") check = &c;
  ASSERT_NE(check, nullptr);
  {
    Session s("libc", fake);
    Verdict v = run_check(*check, s);
    EXPECT_EQ(v.status, Status::Broken) << status_name(v.status) << ": " << v.reason;
    EXPECT_EQ(v.reason, "scenario spawn-release reply: missing field 'program'");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sc
