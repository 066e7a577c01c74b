// keep_freed_memory_in_heap: two mallopt() calls (glibc only).
#include "spot/util/heap_reuse.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc (through <features.h>)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace spot::util {

bool keep_freed_memory_in_heap() {
#if defined(__GLIBC__)
  // The mmap threshold's maximum on 64-bit glibc is 32 MiB (HEAP_MAX_SIZE / 2); setting it explicitly
  // also ends glibc's own adaptive threshold, which then left the trim below to undo it.
  constexpr int kMmapThreshold = 32 << 20, kTrimThreshold = 512 << 20;
  return mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, kTrimThreshold) == 1;
#else
  return false;
#endif
}

}  // namespace spot::util
