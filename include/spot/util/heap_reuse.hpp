// keep_freed_memory_in_heap: stops the C allocator from handing large blocks back to the kernel
// between frames, process-wide.
#pragma once

namespace spot::util {

// glibc gives every block above its mmap threshold its own mapping and returns it to the kernel when
// freed (and trims the heap's free top); the next frame then page-faults the same megabytes in again.
// A full-frame forward allocates a few such maps per layer: at 640x360 that was ~1,200 page faults
// and ~3 ms per tracker update(). This raises the mmap threshold to glibc's maximum (32 MiB) and the
// trim threshold to 512 MiB, so freed blocks stay in the heap and are reused. What it costs: memory
// a process freed stays mapped (RSS stays at its peak working set). Does nothing without glibc.
// Returns whether the setting was applied.
bool keep_freed_memory_in_heap();

}  // namespace spot::util
