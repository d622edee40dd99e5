#include "verdict.h"

namespace sc {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Pass: return "PASS";
    case Status::Fail: return "FAIL";
    case Status::Broken: return "BROKEN";
    case Status::Unsupported: return "UNSUPPORTED";
    case Status::NotApplicable: return "N/A";
  }
  return "?";
}

}  // namespace sc
