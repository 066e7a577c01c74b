// SynthConfig: TOML loading (toml++), validation and JSON export.
#include "spot/data/synth_config.hpp"

#include <cmath>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "spot/data/size_distribution.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

using Field = std::variant<int*, double*, std::string*, std::uint64_t*>;

// One list of (key, member) pairs drives loading and JSON export, so they cannot drift apart.
std::vector<std::pair<const char*, Field>> fields(SynthConfig& c) {
  return {{"width", &c.width},
          {"height", &c.height},
          {"sequences", &c.sequences},
          {"frames", &c.frames},
          {"seed", &c.seed},
          {"jpeg_quality", &c.jpeg_quality},
          {"size_distribution", &c.size_distribution},
          {"size_min", &c.size_min},
          {"size_max", &c.size_max},
          {"aspect_min", &c.aspect_min},
          {"aspect_max", &c.aspect_max},
          {"scale_change", &c.scale_change},
          {"speed", &c.speed},
          {"absence_events_min", &c.absence_events_min},
          {"absence_events_max", &c.absence_events_max},
          {"leave_frame_share", &c.leave_frame_share},
          {"absence_frames_min", &c.absence_frames_min},
          {"absence_frames_max", &c.absence_frames_max},
          {"distractor_share", &c.distractor_share},
          {"distractors_max", &c.distractors_max},
          {"camera_pan", &c.camera_pan},
          {"camera_shake", &c.camera_shake},
          {"illumination", &c.illumination},
          {"blur_share", &c.blur_share},
          {"noise_sigma", &c.noise_sigma},
          {"backgrounds", &c.backgrounds},
          {"target_source", &c.target_source}};
}

[[noreturn]] void bad(const std::string& source, const std::string& what) {
  throw Error("invalid synth config: " + what, source);
}

void require(bool ok, const std::string& source, const std::string& what) {
  if (!ok) bad(source, what);
}

void read_field(const toml::node& node, const Field& field, const std::string& file,
                const std::string& key) {
  const long line = static_cast<long>(node.source().begin.line);
  auto type_error = [&](const char* expected) {
    throw Error(fmt::format("key '{}': expected {}", key, expected), file, line);
  };
  std::visit(
      [&](auto* p) {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          if (!node.is_string()) type_error("a string");
          *p = node.as_string()->get();
        } else if constexpr (std::is_same_v<T, double>) {
          if (node.is_integer()) *p = static_cast<double>(node.as_integer()->get());
          else if (node.is_floating_point()) *p = node.as_floating_point()->get();
          else type_error("a number");
        } else {
          if (!node.is_integer()) type_error("an integer");
          const auto v = node.as_integer()->get();
          if constexpr (std::is_same_v<T, std::uint64_t>) {
            if (v < 0) type_error("a non-negative integer");
          }
          *p = static_cast<T>(v);
        }
      },
      field);
}

}  // namespace

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
  if (!std::filesystem::is_regular_file(path)) throw Error("config file not found", file);
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw Error(std::string(e.description()), file, static_cast<long>(e.source().begin.line));
  }
  const toml::table* table = &root;
  if (const auto* synth = root.get_as<toml::table>("synth")) table = synth;

  SynthConfig c;
  auto known = fields(c);
  for (const auto& [key, node] : *table) {
    const std::string k(key.str());
    if (table == &root && node.is_table()) continue;  // other sections belong to other tools
    if (k == "size_bins") {
      const auto* arr = node.as_array();
      if (!arr) throw Error("key 'size_bins': expected [[lo, hi], ...]", file, node.source().begin.line);
      c.size_bins.clear();
      for (const auto& item : *arr) {
        const auto* pair = item.as_array();
        if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number()) {
          throw Error("key 'size_bins': each bin must be [lo, hi]", file, item.source().begin.line);
        }
        c.size_bins.emplace_back((*pair)[0].value<double>().value(), (*pair)[1].value<double>().value());
      }
      continue;
    }
    auto it = std::find_if(known.begin(), known.end(), [&](const auto& f) { return k == f.first; });
    if (it == known.end()) {
      throw Error(fmt::format("unknown key '{}'", k), file, static_cast<long>(key.source().begin.line));
    }
    read_field(node, it->second, file, k);
  }
  c.validate(file);
  return c;
}

SizeDistribution size_distribution_of(const SynthConfig& c) {
  return {c.size_distribution, c.size_min, c.size_max, c.size_bins};
}

nlohmann::json to_json(const SynthConfig& config) {
  SynthConfig copy = config;
  nlohmann::json j;
  for (const auto& [key, field] : fields(copy)) {
    std::visit([&, k = key](auto* p) { j[k] = *p; }, field);
  }
  j["size_bins"] = copy.size_bins;
  return j;
}

}  // namespace spot::data
