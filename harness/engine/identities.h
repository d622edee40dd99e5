// identities.h — naming what a descriptor leads to independently of inode
// numbers: (st_dev major, minor, st_ino) of every object the harness can
// name, to the FdState identity ("path:<p>", "pipe:<fd>"); anything else
// is "other".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace sc {

using IdentityMap = std::map<std::tuple<unsigned, unsigned, std::uint64_t>, std::string>;

}  // namespace sc
