#include "minimise.h"

#include <optional>

namespace sc {
namespace {

template <class T>
void each_erased(std::vector<Case>& out, const Case& c, std::vector<T> Case::*field) {
  for (std::size_t i = (c.*field).size(); i-- > 0;) {
    Case n = c;
    (n.*field).erase((n.*field).begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(std::move(n));
  }
}

void each_bit(std::vector<Case>& out, const Case& c, std::uint64_t Case::*field) {
  for (int b = 0; b < 64; ++b)
    if ((c.*field >> b) & 1) {
      Case n = c;
      n.*field &= ~(std::uint64_t{1} << b);
      out.push_back(std::move(n));
    }
}

template <class T>
void each_bit(std::vector<Case>& out, const Case& c, std::optional<T> Attr::*field) {
  const auto& v = c.attr.*field;
  if (!v) return;
  Case unset = c;
  unset.attr.*field = std::nullopt;
  out.push_back(std::move(unset));
  for (unsigned b = 0; b < sizeof(T) * 8; ++b)
    if ((*v >> b) & 1) {
      Case n = c;
      *(n.attr.*field) = static_cast<T>(*v & ~(T{1} << b));
      out.push_back(std::move(n));
    }
}

// A pipe end goes together with its peer: one without the other is no case.
void each_parent_fd(std::vector<Case>& out, const Case& c) {
  for (std::size_t i = c.fds.size(); i-- > 0;) {
    const ParentFd& p = c.fds[i];
    bool pipe = p.kind == ParentFd::Kind::PipeRead || p.kind == ParentFd::Kind::PipeWrite;
    if (pipe && p.kind == ParentFd::Kind::PipeWrite) continue;  // removed with its read end
    Case n = c;
    std::erase_if(n.fds, [&](const ParentFd& q) { return q.fd == p.fd || (pipe && q.fd == p.peer); });
    out.push_back(std::move(n));
  }
}

}  // namespace

std::vector<Case> single_removals(const Case& c) {
  std::vector<Case> out;
  each_erased(out, c, &Case::actions);
  each_erased(out, c, &Case::fixture);
  each_parent_fd(out, c);
  each_erased(out, c, &Case::argv);
  each_erased(out, c, &Case::envp);
  each_erased(out, c, &Case::parent_env);
  if (c.env_inherit) {
    Case n = c;
    n.env_inherit = false;
    out.push_back(std::move(n));
  }
  each_bit(out, c, &Attr::flags);
  each_bit(out, c, &Attr::sigmask);
  each_bit(out, c, &Attr::sigdefault);
  if (c.attr.pgroup) {
    Case n = c;
    n.attr.pgroup.reset();
    out.push_back(std::move(n));
  }
  each_bit(out, c, &Case::sigmask);
  each_bit(out, c, &Case::sigign);
  each_bit(out, c, &Case::sigcatch);
  if (c.umask != 022) {
    Case n = c;
    n.umask = 022;
    out.push_back(std::move(n));
  }
  return out;
}

Minimised minimise(Case c, const std::function<bool(const Case&)>& still_fails, unsigned max_runs) {
  unsigned runs = 0;
  for (bool shrank = true; shrank && runs < max_runs;) {
    shrank = false;
    auto candidates = single_removals(c);
    // After a success the list is rebuilt from the smaller case, resuming at
    // the same position: earlier removals already failed and rarely start
    // working because something later went.
    for (std::size_t i = 0; i < candidates.size() && runs < max_runs;) {
      ++runs;
      if (still_fails(candidates[i])) {
        c = std::move(candidates[i]);
        candidates = single_removals(c);
        shrank = true;
      } else {
        ++i;
      }
    }
  }
  return {std::move(c), runs};
}

}  // namespace sc
