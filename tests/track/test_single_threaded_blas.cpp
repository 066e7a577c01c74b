// util::single_threaded_blas, tested here because the tracker's process is where OpenBLAS gets loaded
// (through LibTorch): the weak reference must reach it there, not be bound to null at link time.
#include <dlfcn.h>

#include <gtest/gtest.h>

#include "spot/util/blas_threads.hpp"

namespace {

TEST(SingleThreadedBlas, PinsOpenBlasToOneThreadWhenItIsLoaded) {
  using GetThreads = int (*)();
  const auto get = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  const bool found = spot::util::single_threaded_blas();
  if (get == nullptr) {
    EXPECT_FALSE(found);
    GTEST_SKIP() << "OpenBLAS is not loaded in this process (LibTorch uses another BLAS)";
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(get(), 1);
}

}  // namespace
