// Integrity check of the zip container of LibTorch checkpoints, run before LibTorch reads one:
// LibTorch 1.13 does not verify the entries' CRC-32s, and a corrupt entry reaches its TorchScript
// importer, which can crash the process (SEGV) instead of throwing (found by fuzz/fuzz_checkpoint).
#pragma once

#include <string>

namespace spot::model {

// Throws spot::Error naming `source` unless `bytes` is a zip archive (zip64 records allowed) whose
// central directory lies inside the file and whose every entry, stored or deflated, lies inside
// the file and has the size and CRC-32 the directory records (deflated entries are inflated in
// chunks to check them).
void check_zip_integrity(const std::string& bytes, const std::string& source);

}  // namespace spot::model
