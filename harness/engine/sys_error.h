// sys_error.h — the one spelling of a failed call in a message: the call,
// its argument where it helps, and the errno name ("open(data.txt): ENOENT").
#pragma once

#include <cerrno>
#include <string>
#include <string_view>

namespace sc {

std::string sys_error(std::string_view call, std::string_view arg = {}, int err = errno);

}  // namespace sc
