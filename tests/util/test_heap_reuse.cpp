// util::keep_freed_memory_in_heap: after it, large blocks freed and allocated again come back without
// page faults (what a tracker's every frame does with its feature maps).
#include <sys/resource.h>

#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

#include "spot/util/heap_reuse.hpp"

namespace {

long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// Allocates `blocks` blocks of `bytes`, writes one byte per page (volatile: not optimised away),
// frees them all; returns the page faults that took.
long faults_of_one_round(int blocks, size_t bytes) {
  const long before = minor_faults();
  std::vector<void*> held;
  for (int b = 0; b < blocks; ++b) {
    auto* p = static_cast<volatile char*>(std::malloc(bytes));
    if (p == nullptr) return -1;
    for (size_t i = 0; i < bytes; i += 4096) p[i] = static_cast<char>(i);
    held.push_back(const_cast<char*>(p));
  }
  for (void* p : held) std::free(p);
  return minor_faults() - before;
}

#if defined(__SANITIZE_ADDRESS__)
#define SPOT_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPOT_TEST_UNDER_ASAN 1
#endif
#endif

TEST(KeepFreedMemoryInHeap, LargeBlocksAreReusedWithoutPageFaults) {
#if defined(SPOT_TEST_UNDER_ASAN)
  GTEST_SKIP() << "AddressSanitizer's allocator replaces glibc's and ignores mallopt()";
#elif !defined(__GLIBC__)
  EXPECT_FALSE(spot::util::keep_freed_memory_in_heap());
  GTEST_SKIP() << "not glibc: nothing to set";
#else
  ASSERT_TRUE(spot::util::keep_freed_memory_in_heap());
  // Four 6 MiB blocks freed together: glibc's defaults give each its own mapping or trim the heap's
  // free top afterwards, so every round faults its ~6,000 pages in again.
  constexpr int kBlocks = 4;
  constexpr size_t kBytes = 6u << 20;
  ASSERT_GE(faults_of_one_round(kBlocks, kBytes), 0);  // first round: the heap grows (faults expected)
  long later = 0;
  for (int round = 0; round < 5; ++round) later += faults_of_one_round(kBlocks, kBytes);
  const long pages_per_round = kBlocks * static_cast<long>(kBytes / 4096);
  EXPECT_LT(later, pages_per_round / 10) << "5 later rounds faulted " << later << " pages in";
#endif
}

}  // namespace
