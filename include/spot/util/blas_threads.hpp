// single_threaded_blas: keeps OpenBLAS's own thread pool out of the way of LibTorch's threads.
#pragma once

namespace spot::util {

// Asks OpenBLAS (Debian's libblas.so.3, which LibTorch links) for one thread, process-wide. LibTorch
// parallelises with its OpenMP threads; OpenBLAS kept a second pool of its own, and on 2 cores the two
// fought: a 3600x137 matrix-vector product (the tracker's online model, once per frame) took ~1 ms
// instead of ~0.05 ms. Does nothing when the BLAS in the process is not OpenBLAS (e.g. MKL).
// Returns whether OpenBLAS was found.
bool single_threaded_blas();

}  // namespace spot::util
