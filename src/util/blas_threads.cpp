// single_threaded_blas: a weak reference to OpenBLAS's setter, null when OpenBLAS is not loaded.
#include "spot/util/blas_threads.hpp"

extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace spot::util {

bool single_threaded_blas() {
  if (openblas_set_num_threads == nullptr) return false;
  openblas_set_num_threads(1);
  return true;
}

}  // namespace spot::util
