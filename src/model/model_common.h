// model_common.h — vocabulary shared by the model's parts (internal).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "case.h"

namespace sc::mdl {

// Thrown where the rules cannot say what happens (a blocking open, a pid
// we cannot know, a path outside the scratch root); predict() turns it
// into Prediction::unpredictable.
struct Unpredictable {
  std::string why;
};
[[noreturn]] inline void unpredictable(std::string why) { throw Unpredictable{std::move(why)}; }

// An errno name as spawn_ops.def spells it; empty means success.
using Err = std::string;

// Bit positions of the SC_OFLAG and SC_ATTRFLAG tables.
enum OFlagIndex : unsigned {
#define SC_OFLAG(NAME) kIdx_##NAME,
#include "spawn_ops.def"
  kOFlagCount
};
enum AttrFlagIndex : unsigned {
#define SC_ATTRFLAG(NAME, short) kIdx_##NAME,
#include "spawn_ops.def"
  kAttrFlagCount
};

constexpr OFlags oflag(OFlagIndex i) { return OFlags{1} << i; }
constexpr AttrFlags attrflag(AttrFlagIndex i) { return AttrFlags{1} << i; }

inline constexpr OFlags kRdOnly = oflag(kIdx_O_RDONLY), kWrOnly = oflag(kIdx_O_WRONLY), kRdWr = oflag(kIdx_O_RDWR),
                        kAppend = oflag(kIdx_O_APPEND), kCreat = oflag(kIdx_O_CREAT), kExcl = oflag(kIdx_O_EXCL),
                        kTrunc = oflag(kIdx_O_TRUNC), kNonBlock = oflag(kIdx_O_NONBLOCK),
                        kCloExec = oflag(kIdx_O_CLOEXEC), kDirectory = oflag(kIdx_O_DIRECTORY),
                        kNoFollow = oflag(kIdx_O_NOFOLLOW), kSync = oflag(kIdx_O_SYNC);
// The status flags F_GETFL reports that a case can name (protocol.md).
inline constexpr OFlags kVisibleStatus = kAppend | kNonBlock | kSync;

enum class Access { Read, Write, ReadWrite };
// O_RDONLY is 0, so only the other two bits decide (both together is
// rejected by validate()).
inline Access access_of(OFlags f) {
  return (f & kRdWr) ? Access::ReadWrite : (f & kWrOnly) ? Access::Write : Access::Read;
}
inline bool can_read(Access a) { return a != Access::Write; }
inline bool can_write(Access a) { return a != Access::Read; }
inline OFlags access_bit(Access a) {
  return a == Access::ReadWrite ? kRdWr : a == Access::Write ? kWrOnly : kRdOnly;
}

std::string oflags_name(OFlags f);  // "O_WRONLY|O_CREAT"

constexpr SigSet sigbit(int signo) { return SigSet{1} << (signo - 1); }
inline constexpr int kSigKill = 9, kSigStop = 19;
// signal(7): "The signals SIGKILL and SIGSTOP cannot be caught, blocked, or ignored."
inline constexpr SigSet kUnblockable = sigbit(kSigKill) | sigbit(kSigStop);

}  // namespace sc::mdl
