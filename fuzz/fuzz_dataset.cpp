// Fuzz target: the dataset readers end to end (data::load_dataset), each on a minimal folder built
// per input in a scratch folder (tmpfs): empty frame files (frames are listed, never decoded) and
// the annotation files of the format taken from the input. Byte 0 picks the format (otb, dtb70,
// lasot, got10k, vot, uav123, uavdt, tld, generic), byte 1 the frame count (0..7), byte 2 layout
// variants (bit 7: auto-detection instead of the named reader); the rest is cut at "\n===\n"
// lines into up to four files, whose role depends on the format (see make_layout). Contract
// checked on success: per sequence one GT entry and one value of each attribute per frame, every
// present box finite with w >= 0 and h >= 0.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "spot/data/dataset.hpp"
#include "spot/error.hpp"

namespace {
namespace fs = std::filesystem;
using spot::fuzz::write_file;

const char* const kFormats[] = {"otb",    "dtb70", "lasot", "got10k", "vot",
                                "uav123", "uavdt", "tld",   "generic"};
constexpr int kFormatCount = sizeof(kFormats) / sizeof(kFormats[0]);

void make_frames(const fs::path& dir, const char* pattern, int count) {
  fs::create_directories(dir);
  for (int i = 1; i <= count; ++i) {
    char name[64];
    std::snprintf(name, sizeof(name), pattern, i);
    write_file(dir / name, "");
  }
}

// Writes parts[i] to dir/name when the input has that part.
void maybe_write(const std::vector<std::string>& parts, std::size_t i, const fs::path& file) {
  if (i < parts.size()) write_file(file, parts[i]);
}

// Builds the layout under `root` and returns the folder to hand to load_dataset.
fs::path make_layout(const std::string& format, const fs::path& root, int frames, int variant,
                     const std::vector<std::string>& p) {
  const fs::path seq = root / "seq";
  fs::create_directories(seq);
  if (format == "otb" || format == "dtb70") {
    // Without the plain file, the numbered ones define the targets (OTB-2015's Human4, Jogging).
    if (variant & 1) write_file(seq / "groundtruth_rect.txt", p[0]);
    maybe_write(p, 1, seq / "groundtruth_rect.2.txt");
    maybe_write(p, 2, seq / "groundtruth_rect.10.txt");
    make_frames(seq / "img", format == "otb" ? "%04d.jpg" : "%05d.jpg", frames);
  } else if (format == "lasot") {
    write_file(seq / "groundtruth.txt", p[0]);
    maybe_write(p, 1, seq / "full_occlusion.txt");
    maybe_write(p, 2, seq / "out_of_view.txt");
    make_frames(seq / "img", "%08d.jpg", frames);
  } else if (format == "got10k") {
    write_file(seq / "groundtruth.txt", p[0]);
    maybe_write(p, 1, seq / "absence.label");
    maybe_write(p, 2, seq / "cover.label");
    maybe_write(p, 3, seq / "cut_by_image.label");
    make_frames(seq, "%08d.jpg", frames);
  } else if (format == "vot") {
    write_file(seq / "groundtruth.txt", p[0]);
    maybe_write(p, 1, seq / "sequence");  // channels.color=color/%08d.jpg
    maybe_write(p, 2, seq / "occlusion.tag");
    maybe_write(p, 3, seq / "camera_motion.label");
    make_frames((variant & 1) ? seq : seq / "color", "%08d.jpg", frames);
  } else if (format == "uav123") {
    // Sub-sequences ("car1_2") share their video's folder ("car1").
    static const char* const kNames[] = {"car1", "car1_2", "group3_1", "boat_s"};
    const std::string name = kNames[variant & 3];
    const std::string subset = (variant & 4) ? "UAV123" : "UAV123_10fps";
    fs::create_directories(root / "anno" / subset);
    write_file(root / "anno" / subset / (name + ".txt"), p[0]);
    if (p.size() > 1) write_file(root / "anno" / subset / "car1_1.txt", p[1]);
    make_frames(root / "data_seq" / subset / ((variant & 8) ? name : std::string("car1")),
                "%06d.jpg", frames);
    return root;
  } else if (format == "uavdt") {
    write_file(root / "S0101_gt.txt", p[0]);
    make_frames(root / "S0101", "img%06d.jpg", frames);
    if (p.size() > 1) {
      write_file(root / "S0102_gt.txt", p[1]);
      if (variant & 1) make_frames(root / "S0102", "img%06d.jpg", frames);
    }
    return root;
  } else if (format == "tld") {
    write_file(seq / "gt.txt", p[0]);
    make_frames(seq, "%05d.jpg", frames);
  } else {
    write_file(seq / "groundtruth.txt", p[0]);
    make_frames(seq / ((variant & 1) ? "color" : "img"), "%04d.jpg", frames);
  }
  return seq;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string format = kFormats[data[0] % kFormatCount];
  const int frames = data[1] % 8;
  const int variant = data[2];
  const std::vector<std::string> parts = spot::fuzz::split_input(data + 3, size - 3, "\n===\n", 4);
  // "dtb70" in the path is what tells DTB70 from OTB under auto-detection.
  const fs::path root = spot::fuzz::fresh_scratch_dir() / (format == "dtb70" ? "dtb70" : "data");
  try {
    const fs::path where = make_layout(format, root, frames, variant, parts);
    const auto sequences = spot::data::load_dataset(where, (variant & 0x80) ? "auto" : format);
    for (const spot::data::Sequence& s : sequences) {
      const std::size_t n = s.frames.size();
      SPOT_FUZZ_CHECK(s.groundtruth.empty() || s.groundtruth.size() == n);
      for (const auto& b : s.groundtruth) {
        if (!b) continue;
        SPOT_FUZZ_CHECK(b->finite());
        SPOT_FUZZ_CHECK(b->w >= 0 && b->h >= 0);
      }
      for (const auto& [name, values] : s.attributes) SPOT_FUZZ_CHECK(values.size() == n);
    }
    spot::fuzz::accepted("dataset");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
