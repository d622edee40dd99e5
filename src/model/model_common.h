// model_common.h — vocabulary shared by the model's parts (internal).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "case.h"
#include "surface.h"

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

inline constexpr OFlags kRdOnly = oflag("O_RDONLY"), kWrOnly = oflag("O_WRONLY"), kRdWr = oflag("O_RDWR"),
                        kCreat = oflag("O_CREAT"), kExcl = oflag("O_EXCL"), kTrunc = oflag("O_TRUNC"),
                        kNonBlock = oflag("O_NONBLOCK"), kCloExec = oflag("O_CLOEXEC"),
                        kDirectory = oflag("O_DIRECTORY"), kNoFollow = oflag("O_NOFOLLOW");

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

}  // namespace sc::mdl
