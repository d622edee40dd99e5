// Request frames byte for byte against hand-assembled goldens (wire.h
// layouts, little-endian), and reading frames back from a byte stream.
#include "wire_encode.h"

#include <gtest/gtest.h>

#include "wire.h"

namespace sc {
namespace {

// "53 43 50 31 …" -> bytes; text in quotes is taken literally.
std::string hex(std::string_view spec) {
  std::string out;
  for (std::size_t i = 0; i < spec.size();) {
    if (spec[i] == ' ') {
      ++i;
    } else if (spec[i] == '\'') {
      auto end = spec.find('\'', i + 1);
      out += spec.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      out += static_cast<char>(std::stoi(std::string(spec.substr(i, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

TEST(WireEncode, HelloGolden) {
  EXPECT_EQ(encode_hello("/s", "/p"), hex("'SCP1' 0f 00 00 00 'H' 01 02 00 00 00 '/s' 02 02 00 00 00 '/p'"));
}

TEST(WireEncode, QuitGolden) { EXPECT_EQ(encode_quit(), hex("'SCP1' 01 00 00 00 'Q'")); }

TEST(WireEncode, ScenarioGolden) {
  EXPECT_EQ(encode_scenario("suspension", "vfork-exec", 4, 1000),
            hex("'SCP1' 31 00 00 00 'R' 0a 0a 00 00 00 'vfork-exec' 0b 0a 00 00 00 'suspension' "
                "0c 04 00 00 00 e8 03 00 00 1e 04 00 00 00 04 00 00 00"));
}

TEST(WireEncode, RunGolden) {
  Case c;
  c.name = "golden";
  c.fixture.push_back({FixtureEntry::Kind::Probe, "p", 0644, "", "", false});  // not on the wire
  c.fds.push_back({3, ParentFd::Kind::Open, "f", 0b100, true, 0x0102030405060708u, -1});
  c.sigmask = SigSet{1} << 9;
  c.parent_env = {"A=1"};
  c.func = Func::Spawnp;
  c.program = "p";
  c.argv = {"p", ""};
  c.envp = {"E"};
  c.actions.push_back({Op::ADDDUP2, 3, 1, "", 0, 0});
  c.attr.flags = 0b1000;
  c.attr.pgroup = -2;
  EXPECT_EQ(encode_run(c, "libc", 5000),
            hex("'SCP1' be 00 00 00 'R' "
                "0a 04 00 00 00 'libc' "
                "0c 04 00 00 00 88 13 00 00 "
                "0d 01 00 00 00 '.' "
                "0e 04 00 00 00 12 00 00 00 "
                "0f 1d 00 00 00 03 00 00 00 01 00 00 00 ff ff ff ff 04 00 00 00 01 00 00 00 "
                "08 07 06 05 04 03 02 01 'f' "
                "10 08 00 00 00 00 02 00 00 00 00 00 00 "
                "11 08 00 00 00 00 00 00 00 00 00 00 00 "
                "12 08 00 00 00 00 00 00 00 00 00 00 00 "
                "13 03 00 00 00 'A=1' "
                "14 04 00 00 00 01 00 00 00 "
                "15 01 00 00 00 'p' "
                "16 01 00 00 00 'p' 16 00 00 00 00 "
                "17 01 00 00 00 'E' "
                "19 14 00 00 00 02 00 00 00 03 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 "
                "1a 04 00 00 00 08 00 00 00 "
                "1d 04 00 00 00 fe ff ff ff"));
}

TEST(WireEncode, RunInheritAndAttrSets) {
  Case c;
  c.env_inherit = true;
  c.envp = {"ignored"};
  c.attr.sigmask = 1;
  c.attr.sigdefault = SigSet{1} << 63;
  auto f = encode_run(c, "refcore", 1);
  EXPECT_NE(f.find(hex("18 00 00 00 00")), std::string::npos);
  EXPECT_EQ(f.find("ignored"), std::string::npos);
  EXPECT_NE(f.find(hex("1b 08 00 00 00 01 00 00 00 00 00 00 00")), std::string::npos);
  EXPECT_NE(f.find(hex("1c 08 00 00 00 00 00 00 00 00 00 00 80")), std::string::npos);
  EXPECT_EQ(f.find(hex("1a 04 00 00 00")), std::string::npos);  // flags not set: no record
}

TEST(WireEncode, OversizedPayloadThrows) {
  Case c;
  c.argv = {std::string(SC_WIRE_MAX_PAYLOAD, 'x')};
  EXPECT_THROW(encode_run(c, "libc", 1), std::length_error);
}

TEST(WireDecode, CompleteIncompleteAndMalformed) {
  auto reply = hex("'SCP1' 06 00 00 00 'r' 'end\n' 'x'");  // 5 payload bytes + 1
  auto two = reply + hex("'SCP1' 01 00 00 00 'h'");
  // One byte short of every frame prefix: incomplete, never malformed.
  for (std::size_t n = 0; n < 14; ++n)
    EXPECT_EQ(decode_frame(std::string_view(reply).substr(0, n)).status, FrameRead::Status::Incomplete) << n;
  auto r = decode_frame(two);
  ASSERT_EQ(r.status, FrameRead::Status::Complete);
  EXPECT_EQ(r.type, 'r');
  EXPECT_EQ(r.body, "end\nx");
  EXPECT_EQ(r.size, 14u);
  auto second = decode_frame(std::string_view(two).substr(r.size));
  ASSERT_EQ(second.status, FrameRead::Status::Complete);
  EXPECT_EQ(second.type, 'h');
  EXPECT_EQ(second.body, "");

  EXPECT_EQ(decode_frame("SCPX").status, FrameRead::Status::Malformed);
  EXPECT_EQ(decode_frame("X").status, FrameRead::Status::Malformed);
  auto empty = decode_frame(hex("'SCP1' 00 00 00 00"));
  EXPECT_EQ(empty.status, FrameRead::Status::Malformed);
  EXPECT_EQ(empty.error, "frame payload length 0 is outside 1..16777216");
  EXPECT_EQ(decode_frame(hex("'SCP1' 01 00 00 01")).status, FrameRead::Status::Malformed);
}

TEST(WireDecode, ReadsWhatTheEncoderWrites) {
  auto f = encode_hello("/scratch", "/scratch/sc/probe");
  auto r = decode_frame(f);
  ASSERT_EQ(r.status, FrameRead::Status::Complete);
  EXPECT_EQ(r.type, SC_MSG_HELLO);
  EXPECT_EQ(r.size, f.size());
}

}  // namespace
}  // namespace sc
