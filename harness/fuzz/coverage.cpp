#include "coverage.h"

#include "surface.h"

namespace sc {
namespace {

// The items in the order of the bits: actions, open flags, attribute
// flags, standard signals.
constexpr std::size_t kActionsAt = 0, kOFlagsAt = kActionsAt + kActionCount, kAttrsAt = kOFlagsAt + kOFlagCount,
                      kSignalsAt = kAttrsAt + kAttrFlagCount, kItems = kSignalsAt + std::size(kSignalTable);
static_assert(kItems <= Surface::kSize);

}  // namespace

std::size_t Surface::total() { return kItems; }

unsigned Surface::add(const Case& c) {
  const auto before = seen_.count();
  for (const auto& a : c.actions) {
    seen_.set(kActionsAt + static_cast<std::size_t>(a.op));
    if (a.op != Op::ADDOPEN) continue;
    for (std::size_t i = 0; i < kOFlagCount; ++i)
      if (a.oflags >> i & 1) seen_.set(kOFlagsAt + i);
  }
  for (std::size_t i = 0; i < kAttrFlagCount; ++i)
    if (c.attr.flags.value_or(0) >> i & 1) seen_.set(kAttrsAt + i);
  const SigSet sigs = c.sigmask | c.sigign | c.sigcatch | c.attr.sigmask.value_or(0) | c.attr.sigdefault.value_or(0);
  for (std::size_t i = 0; i < std::size(kSignalTable); ++i)
    if (sigs & sigbit(kSignalTable[i].number)) seen_.set(kSignalsAt + i);
  return static_cast<unsigned>(seen_.count() - before);
}

std::vector<std::string> Surface::missing() const {
  std::vector<std::string> out;
  auto each = [&](std::size_t base, std::size_t n, auto name) {
    for (std::size_t i = 0; i < n; ++i)
      if (!seen_.test(base + i)) out.emplace_back(name(i));
  };
  each(kActionsAt, actions().size(), [](std::size_t i) { return actions()[i].name; });
  each(kOFlagsAt, kOFlagCount, [](std::size_t i) { return kOFlagTable[i].name; });
  each(kAttrsAt, kAttrFlagCount, [](std::size_t i) { return kAttrFlagNames[i]; });
  each(kSignalsAt, std::size(kSignalTable), [](std::size_t i) { return kSignalTable[i].name; });
  return out;
}

}  // namespace sc
