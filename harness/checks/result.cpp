#include "result.h"

namespace sc {

Summary summarise(const std::vector<Result>& results) {
  Summary s;
  for (const auto& r : results) {
    switch (r.verdict.status) {
      case Status::Pass: ++s.pass; break;
      case Status::Fail: ++s.fail; break;
      case Status::Broken: ++s.broken; break;
      case Status::Unsupported: ++s.unsupported; break;
      case Status::NotApplicable: ++s.not_applicable; break;
    }
  }
  return s;
}

}  // namespace sc
