// Reader for a plain folder of images without ground truth (the input of `spot track`).
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {

Sequence read_image_folder(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "images";
  s.frames = require_images(dir, ".jpg/.jpeg/.png/.bmp frames, played in name order");
  return s;
}

}  // namespace spot::data
