#include "ballast.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace spawncheck::bench {

Ballast::Ballast(std::size_t bytes) : bytes_(bytes) {
  if (bytes == 0)
    return;
  void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw std::system_error(errno, std::generic_category(), "mmap(ballast)");
  base_ = p;
  // Advice only: where THP is unavailable the pages are small anyway.
  madvise(p, bytes, MADV_NOHUGEPAGE);
  auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  auto *bytes_p = static_cast<volatile unsigned char *>(p);
  for (std::size_t off = 0; off < bytes; off += page)
    bytes_p[off] = 1;
}

Ballast::~Ballast() {
  if (base_)
    munmap(base_, bytes_);
}

}  // namespace spawncheck::bench
