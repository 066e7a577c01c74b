// check_zip_integrity: walks the central directory and recomputes every entry's CRC-32.
#include "spot/model/zip_integrity.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "spot/error.hpp"

namespace spot::model {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;

// CRC-32 of a stored entry.
std::uint32_t stored_crc(const char* data, std::uint64_t size) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  while (size > 0) {
    const uInt n = static_cast<uInt>(std::min<std::uint64_t>(size, 1u << 30));
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(data), n);
    data += n;
    size -= n;
  }
  return static_cast<std::uint32_t>(crc);
}

// CRC-32 of a deflated entry's contents, inflated in chunks (never whole in memory); nullopt when
// the stream is not valid deflate data or does not inflate to exactly `expected_size` bytes.
std::optional<std::uint32_t> deflated_crc(const char* data, std::uint64_t size,
                                          std::uint64_t expected_size) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;  // raw deflate, as zip stores it
  std::array<Bytef, 1 << 16> out{};
  uLong crc = ::crc32(0L, Z_NULL, 0);
  std::uint64_t produced = 0;
  int status = Z_OK;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  std::uint64_t left = size;
  while (status != Z_STREAM_END) {
    if (z.avail_in == 0 && left > 0) {
      z.avail_in = static_cast<uInt>(std::min<std::uint64_t>(left, 1u << 30));
      left -= z.avail_in;
    }
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    status = inflate(&z, Z_NO_FLUSH);
    const std::uint64_t n = out.size() - z.avail_out;
    produced += n;
    crc = ::crc32(crc, out.data(), static_cast<uInt>(n));
    if ((status != Z_OK && status != Z_STREAM_END) || produced > expected_size ||
        (status == Z_OK && n == 0 && z.avail_in == 0 && left == 0)) {
      inflateEnd(&z);
      return std::nullopt;
    }
  }
  inflateEnd(&z);
  if (produced != expected_size) return std::nullopt;
  return static_cast<std::uint32_t>(crc);
}

// Little-endian reads with bounds checks: every offset comes from the file.
class Reader {
 public:
  Reader(const std::string& bytes, const std::string& source) : bytes_(bytes), source_(source) {}

  std::uint64_t get(std::uint64_t at, int width) const {
    if (at > bytes_.size() || bytes_.size() - at < static_cast<std::uint64_t>(width)) {
      fail("a record runs past the end of the file");
    }
    std::uint64_t v = 0;
    for (int i = width - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes_[at + i]);
    return v;
  }
  std::uint32_t u32(std::uint64_t at) const { return static_cast<std::uint32_t>(get(at, 4)); }
  std::uint16_t u16(std::uint64_t at) const { return static_cast<std::uint16_t>(get(at, 2)); }
  std::uint64_t u64(std::uint64_t at) const { return get(at, 8); }
  std::uint64_t size() const { return bytes_.size(); }
  const char* data(std::uint64_t at) const { return bytes_.data() + at; }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("not a readable checkpoint (corrupt or truncated file?): " + what, source_);
  }

 private:
  const std::string& bytes_;
  const std::string& source_;
};

// The end-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes at the end.
std::uint64_t find_end_of_directory(const Reader& r) {
  if (r.size() < 22) r.fail("too short for a zip archive");
  const std::uint64_t lowest = r.size() > 22 + 65535 ? r.size() - 22 - 65535 : 0;
  for (std::uint64_t at = r.size() - 22;; --at) {
    if (r.u32(at) == kEndOfDirectory) return at;
    if (at == lowest) break;
  }
  r.fail("no zip end-of-directory record");
}

}  // namespace

void check_zip_integrity(const std::string& bytes, const std::string& source) {
  const Reader r(bytes, source);
  const std::uint64_t end = find_end_of_directory(r);
  std::uint64_t entries = r.u16(end + 10);
  std::uint64_t directory = r.u32(end + 16);
  if (entries == 0xFFFF || directory == 0xFFFFFFFFu) {  // the zip64 record holds the real values
    if (end < 20 || r.u32(end - 20) != kZip64Locator) r.fail("zip64 archive without its locator");
    const std::uint64_t end64 = r.u64(end - 20 + 8);
    if (r.u32(end64) != kZip64EndOfDirectory) r.fail("bad zip64 end-of-directory record");
    entries = r.u64(end64 + 32);
    directory = r.u64(end64 + 48);
  }
  if (entries == 0) r.fail("empty zip archive");
  std::uint64_t at = directory;
  for (std::uint64_t i = 0; i < entries; ++i) {
    if (r.u32(at) != kDirectoryEntry) r.fail(fmt::format("bad central directory entry {}", i));
    const std::uint16_t method = r.u16(at + 10);
    const std::uint32_t crc = r.u32(at + 16);
    std::uint64_t size = r.u32(at + 20);  // compressed size
    std::uint64_t full_size = r.u32(at + 24);
    std::uint64_t offset = r.u32(at + 42);
    const std::uint16_t name_length = r.u16(at + 28), extra_length = r.u16(at + 30);
    const std::uint16_t comment_length = r.u16(at + 32);
    // u32(at + 42) above succeeded, so at + 46 is inside the file.
    if (r.size() - (at + 46) < name_length) r.fail("central directory entry runs past the file");
    const std::string entry(r.data(at + 46), name_length);
    // zip64 extra field: 8-byte values for those whose 4-byte field is 0xFFFFFFFF, in order
    // uncompressed size, compressed size, local header offset.
    if (size == 0xFFFFFFFFu || offset == 0xFFFFFFFFu || full_size == 0xFFFFFFFFu) {
      std::uint64_t x = at + 46 + name_length;
      const std::uint64_t x_end = x + extra_length;
      bool found = false;
      while (x + 4 <= x_end) {
        const std::uint16_t id = r.u16(x), length = r.u16(x + 2);
        if (id == 0x0001) {
          std::uint64_t v = x + 4;
          if (full_size == 0xFFFFFFFFu) {
            full_size = r.u64(v);
            v += 8;
          }
          if (size == 0xFFFFFFFFu) {
            size = r.u64(v);
            v += 8;
          }
          if (offset == 0xFFFFFFFFu) offset = r.u64(v);
          found = true;
          break;
        }
        x += 4 + length;
      }
      if (!found) r.fail(fmt::format("entry '{}' lacks its zip64 sizes", entry));
    }
    if (method != 0 && method != 8) {
      r.fail(fmt::format("entry '{}' uses zip method {} (expected stored or deflated)", entry,
                         method));
    }
    if (r.u32(offset) != kLocalHeader) r.fail(fmt::format("entry '{}' has no local header", entry));
    const std::uint64_t data = offset + 30 + r.u16(offset + 26) + r.u16(offset + 28);
    if (data > r.size() || r.size() - data < size) {
      r.fail(fmt::format("entry '{}' runs past the end of the file", entry));
    }
    // Deflate expands at most ~1032:1; a larger claimed size is corrupt (and would take long).
    if ((method == 0 && full_size != size) || (method == 8 && full_size / 1032 > size + 1024)) {
      r.fail(fmt::format("entry '{}' has inconsistent sizes", entry));
    }
    const std::optional<std::uint32_t> actual =
        method == 0 ? std::optional<std::uint32_t>(stored_crc(r.data(data), size))
                    : deflated_crc(r.data(data), size, full_size);
    if (!actual || *actual != crc) r.fail(fmt::format("entry '{}' fails its CRC-32 check", entry));
    at += 46 + static_cast<std::uint64_t>(name_length) + extra_length + comment_length;
  }
}

}  // namespace spot::model
