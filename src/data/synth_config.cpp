// SynthConfig: TOML loading (toml++), validation and JSON export.
#include "spot/data/synth_config.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "spot/data/size_distribution.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

[[noreturn]] void bad(const std::string& source, const std::string& what) {
  throw Error("invalid synth config: " + what, source);
}

void require(bool ok, const std::string& source, const std::string& what) {
  if (!ok) bad(source, what);
}

}  // namespace

util::Fields SynthConfig::fields() {
  return {{"width", &width},
          {"height", &height},
          {"sequences", &sequences},
          {"frames", &frames},
          {"seed", &seed},
          {"jpeg_quality", &jpeg_quality},
          {"size_distribution", &size_distribution},
          {"size_min", &size_min},
          {"size_max", &size_max},
          {"aspect_min", &aspect_min},
          {"aspect_max", &aspect_max},
          {"scale_change", &scale_change},
          {"speed", &speed},
          {"absence_events_min", &absence_events_min},
          {"absence_events_max", &absence_events_max},
          {"leave_frame_share", &leave_frame_share},
          {"absence_frames_min", &absence_frames_min},
          {"absence_frames_max", &absence_frames_max},
          {"distractor_share", &distractor_share},
          {"distractors_max", &distractors_max},
          {"camera_pan", &camera_pan},
          {"camera_shake", &camera_shake},
          {"illumination", &illumination},
          {"blur_share", &blur_share},
          {"noise_sigma", &noise_sigma},
          {"backgrounds", &backgrounds},
          {"target_source", &target_source}};
}

void SynthConfig::validate(const std::string& source) const {
  require(width >= 32 && width <= 8192, source, fmt::format("width = {} (expected 32..8192)", width));
  require(height >= 32 && height <= 8192, source, fmt::format("height = {} (expected 32..8192)", height));
  require(sequences >= 1, source, fmt::format("sequences = {} (expected >= 1)", sequences));
  require(frames >= 1, source, fmt::format("frames = {} (expected >= 1)", frames));
  require(jpeg_quality >= 1 && jpeg_quality <= 100, source,
          fmt::format("jpeg_quality = {} (expected 1..100)", jpeg_quality));
  size_distribution_of(*this).validate(source, std::min(width, height));
  require(aspect_min > 0 && aspect_min <= aspect_max, source,
          fmt::format("aspect range [{}, {}] (expected 0 < aspect_min <= aspect_max)", aspect_min, aspect_max));
  require(scale_change >= 0 && scale_change < 1, source,
          fmt::format("scale_change = {} (expected 0 <= x < 1)", scale_change));
  require(speed >= 0, source, fmt::format("speed = {} (expected >= 0)", speed));
  require(absence_events_min >= 0 && absence_events_min <= absence_events_max, source,
          fmt::format("absence events [{}, {}] (expected 0 <= min <= max)", absence_events_min,
                      absence_events_max));
  require(absence_frames_min >= 1 && absence_frames_min <= absence_frames_max, source,
          fmt::format("absence frames [{}, {}] (expected 1 <= min <= max)", absence_frames_min,
                      absence_frames_max));
  auto share = [&](double v, const char* key) {
    require(v >= 0 && v <= 1, source, fmt::format("{} = {} (expected 0..1)", key, v));
  };
  share(leave_frame_share, "leave_frame_share");
  share(distractor_share, "distractor_share");
  share(blur_share, "blur_share");
  require(distractors_max >= 0, source, fmt::format("distractors_max = {} (expected >= 0)", distractors_max));
  require(camera_pan >= 0 && camera_shake >= 0 && illumination >= 0 && illumination < 1 &&
              noise_sigma >= 0,
          source, "camera_pan, camera_shake, noise_sigma must be >= 0 and illumination in [0, 1)");
  require(target_source == "procedural" || target_source == "real", source,
          fmt::format("target_source = '{}' (expected procedural or real)", target_source));
  require(target_source != "real" || !backgrounds.empty(), source,
          "target_source = 'real' needs backgrounds = <dataset folder> to cut targets from");
}

SynthConfig load_synth_config(const std::filesystem::path& path) {
  const std::string file = path.string();
  toml::table root = util::parse_toml_file(path);
  toml::table* table = &root;
  if (auto* synth = root.get_as<toml::table>("synth")) table = synth;
  SynthConfig c;
  // size_bins ([[lo, hi], ...]) has no scalar binding: read it here, the rest by the field list.
  if (const toml::node* bins = table->get("size_bins")) {
    const auto* arr = bins->as_array();
    if (!arr) throw Error("key 'size_bins': expected [[lo, hi], ...]", file, bins->source().begin.line);
    for (const auto& item : *arr) {
      const auto* pair = item.as_array();
      if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number()) {
        throw Error("key 'size_bins': each bin must be [lo, hi]", file, item.source().begin.line);
      }
      const double lo = (*pair)[0].value<double>().value(), hi = (*pair)[1].value<double>().value();
      if (!std::isfinite(lo) || !std::isfinite(hi)) {
        throw Error("key 'size_bins': expected finite numbers", file, item.source().begin.line);
      }
      c.size_bins.emplace_back(lo, hi);
    }
    table->erase("size_bins");
  }
  util::read_fields(*table, c.fields(), file, "", /*skip_tables=*/table == &root);
  c.validate(file);
  return c;
}

SizeDistribution size_distribution_of(const SynthConfig& c) {
  return {c.size_distribution, c.size_min, c.size_max, c.size_bins};
}

nlohmann::json to_json(const SynthConfig& config) {
  SynthConfig copy = config;
  nlohmann::json j = util::fields_to_json(copy.fields());
  j["size_bins"] = copy.size_bins;
  return j;
}

}  // namespace spot::data
