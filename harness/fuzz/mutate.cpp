#include "mutate.h"

#include <algorithm>
#include <utility>

#include "surface.h"

namespace sc {
namespace {

// The fds the actions so far opened or duplicated to, as the generator
// tracks them, for the action at index `at`.
std::vector<int> fds_before(const Case& c, std::size_t at) {
  std::vector<int> fds;
  for (std::size_t i = 0; i < at && i < c.actions.size(); ++i) {
    const Action& a = c.actions[i];
    if (a.op == Op::ADDOPEN) fds.push_back(a.fd);
    if (a.op == Op::ADDDUP2) fds.push_back(a.newfd);
  }
  return fds;
}

void insert_actions(Case& c, const Names& n, Choices& ch) {
  std::size_t at = ch.below(c.actions.size() + 1);
  auto more = random_actions(n, ch, fds_before(c, at));
  c.actions.insert(c.actions.begin() + static_cast<std::ptrdiff_t>(at), more.begin(), more.end());
}

// One edit; false when it does not apply to this case (no action to
// delete...), so the caller draws another.
bool edit(Case& c, const Names& n, Choices& ch, const GenConfig& cfg) {
  const std::size_t k = c.actions.size();
  const std::size_t i = ch.below(k);
  switch (ch.below(12)) {
    case 0:  // change an action
      if (k == 0) return false;
      c.actions.erase(c.actions.begin() + static_cast<std::ptrdiff_t>(i));
      {
        auto more = random_actions(n, ch, fds_before(c, i));
        c.actions.insert(c.actions.begin() + static_cast<std::ptrdiff_t>(i), more.begin(), more.end());
      }
      return true;
    case 1:
      insert_actions(c, n, ch);
      return true;
    case 2:  // delete an action
      if (k == 0) return false;
      c.actions.erase(c.actions.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    case 3: {  // swap two actions
      if (k < 2) return false;
      std::size_t j = ch.below(k);
      if (i == j) return false;
      std::swap(c.actions[i], c.actions[j]);
      return true;
    }
    case 4: {  // an fd of an action to an edge value
      if (k == 0 || c.actions[i].op == Op::ADDCHDIR) return false;
      Action& a = c.actions[i];
      int& fd = a.op == Op::ADDDUP2 && ch.chance(50) ? a.newfd : a.fd;
      fd = edge_fd(n, ch, fds_before(c, i));
      return true;
    }
    case 5: {  // flip an open flag, only where the path is one the generator would name
      if (k == 0 || c.actions[i].op != Op::ADDOPEN) return false;
      Action& a = c.actions[i];
      if (std::find(n.paths.begin(), n.paths.end(), a.path) == n.paths.end()) return false;
      OFlags flipped = a.oflags ^ (OFlags{1} << (3 + ch.below(kOFlagCount - 3)));
      if (std::find(n.fifos.begin(), n.fifos.end(), a.path) != n.fifos.end()) return false;
      a.oflags = ch.chance(20) ? open_flags_for(n, a.path, ch) : flipped;
      return true;
    }
    case 6: {  // flip an attribute flag
      AttrFlags f = c.attr.flags.value_or(0) ^ (AttrFlags{1} << ch.below(kAttrFlagCount));
      c.attr.flags = f;
      return true;
    }
    case 7: {  // the other attributes
      Attr fresh;
      random_attr(fresh, ch);
      switch (ch.below(3)) {
        case 0: c.attr.sigmask = fresh.sigmask; break;
        case 1: c.attr.sigdefault = fresh.sigdefault; break;
        default: c.attr.pgroup = fresh.pgroup; break;
      }
      return true;
    }
    case 8:
      random_argv(c, ch, cfg);
      return true;
    case 9:
      random_envp(c, ch, cfg);
      return true;
    case 10: {  // the caller's signals and umask
      Case fresh;
      random_parent_signals(fresh, ch);
      c.sigmask = fresh.sigmask, c.sigign = fresh.sigign, c.sigcatch = fresh.sigcatch & ~c.sigign;
      c.umask = fresh.umask;
      return true;
    }
    default: {  // a parent fd's close-on-exec
      if (c.fds.empty()) return false;
      ParentFd& p = c.fds[ch.below(c.fds.size())];
      if (p.kind == ParentFd::Kind::Closed) return false;
      p.cloexec = !p.cloexec;
      return true;
    }
  }
}

}  // namespace

Case mutate(const Case& seed, Choices& ch, const GenConfig& cfg) {
  Case c = seed;
  c.name = seed.name + "-m";
  c.expect = {};
  c.trivia.clear();
  Names n = names_of(c, cfg);
  n.tame = ch.chance(50);
  // Bounded: every edit but the action ones applies to any case.
  for (unsigned edits = 1 + static_cast<unsigned>(ch.below(3)), tries = 0; edits > 0 && tries < 32; ++tries)
    if (edit(c, n, ch, cfg)) --edits;
  return c;
}

}  // namespace sc
