// `spot track`: track one target in a video file, an image folder, a sequence or a camera, and write an
// annotated video plus the boxes. With no arguments it runs on a built-in default clip (OpenCV's
// vtest.avi from Debian's opencv-doc); `spot demo` is that default with SPOT's model.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot_tracker_options.hpp"
#include "spot/api/tracker_factory.hpp"
#include "spot/data/dataset.hpp"
#include "spot/error.hpp"
#include "spot/eval/results_io.hpp"
#include "spot/geometry/box_string.hpp"
#include "spot/track/sequence_runner.hpp"
#include "spot/track/spot_tracker.hpp"
#include "spot/util/progress.hpp"

namespace spot::cli {
namespace {

namespace fs = std::filesystem;

// The built-in default: a licence-clean clip shipped by Debian's opencv-doc package, with the walking
// person in the middle of frame 1 as the target.
constexpr const char* kDefaultInput = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
constexpr const char* kDefaultInit = "498,155,34,80";

struct TrackOptions {
  std::string config;
  std::string input;
  std::string format = "auto";
  std::string init;
  std::string tracker = "csrt";
  std::string out = "spot-output";
  std::string results;
  std::string sequence;
  int max_frames = 0;
  bool heatmap = false;
  track::SpotTrackerConfig spot;
};

// Ctrl-C on a live camera ends the run cleanly (video finalised, boxes written). A signal handler
// can only set a flag of static storage, hence this one file-level variable.
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_interrupt(int) { g_interrupted = 1; }

bool is_camera_index(const std::string& input) {
  return !input.empty() && input.size() <= 3 &&
         std::all_of(input.begin(), input.end(), [](unsigned char c) { return std::isdigit(c); }) &&
         !fs::exists(input);
}

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_video_path(const fs::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".mp4" || ext == ".avi" || ext == ".mkv" || ext == ".mov";
}

// Where the annotated video and the boxes go: --out is a folder, or the video file itself
// (.mp4/.avi/.mkv/.mov); --results names the boxes file (its _confidence.value / _time.txt beside it).
struct OutputPaths {
  fs::path video;
  fs::path results_dir;
  std::string results_name;
};

OutputPaths output_paths(const TrackOptions& o, const std::string& name) {
  OutputPaths p;
  const fs::path out(o.out);
  const fs::path out_dir = is_video_path(out) ? (out.has_parent_path() ? out.parent_path() : ".") : out;
  p.video = is_video_path(out) ? out : out_dir / (name + "_" + o.tracker + ".avi");
  if (o.results.empty()) {
    p.results_dir = out_dir;
    p.results_name = name;
  } else {
    const fs::path r(o.results);
    p.results_dir = r.has_parent_path() ? r.parent_path() : ".";
    p.results_name = r.stem().string();
  }
  return p;
}

// Writes the annotated frames: the box, the frame's verdict, its score and the running frame rate.
class AnnotatedVideo {
 public:
  AnnotatedVideo(fs::path path, std::string tracker) : path_(std::move(path)), tracker_(std::move(tracker)) {}

  // `heatmap` (CV_32F, frame size, 0..1; may be empty) is blended over the frame when given.
  void add(int index, const cv::Mat& frame, const track::TrackResult& r, const cv::Mat& heatmap = {}) {
    if (!writer_.isOpened()) open(frame.size());
    const auto now = std::chrono::steady_clock::now();
    if (index > 0 && last_ != std::chrono::steady_clock::time_point{}) {
      const double dt = std::chrono::duration<double>(now - last_).count();
      if (dt > 0) fps_ = fps_ > 0 ? 0.9 * fps_ + 0.1 / dt : 1.0 / dt;
    }
    last_ = now;
    cv::Mat canvas = frame.clone();
    if (!heatmap.empty() && heatmap.size() == canvas.size()) {
      cv::Mat scores, colours;
      heatmap.convertTo(scores, CV_8U, 255.0);
      cv::applyColorMap(scores, colours, cv::COLORMAP_JET);
      cv::addWeighted(canvas, 0.6, colours, 0.4, 0.0, canvas);
    }
    const cv::Scalar green(0, 255, 0), red(0, 0, 255);
    if (r.present) {
      cv::rectangle(canvas, cv::Rect2d(r.box.x, r.box.y, r.box.w, r.box.h), green, 2);
      const cv::Point centre(static_cast<int>(r.box.x + r.box.w / 2), static_cast<int>(r.box.y + r.box.h / 2));
      cv::drawMarker(canvas, centre, green, cv::MARKER_CROSS, 10, 1);
    }
    const std::string label = fmt::format("{} frame {} {} score {:.2f} {:.1f} fps", tracker_, index + 1,
                                          r.present ? "present" : "ABSENT", r.score, fps_);
    cv::putText(canvas, label, {8, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {0, 0, 0}, 3);
    cv::putText(canvas, label, {8, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.6, r.present ? green : red, 1);
    writer_.write(canvas);
  }

 private:
  void open(cv::Size size) {
    const std::string ext = lower_extension(path_);
    const int fourcc = (ext == ".mp4" || ext == ".mov") ? cv::VideoWriter::fourcc('m', 'p', '4', 'v')
                                                        : cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
    if (path_.has_parent_path()) fs::create_directories(path_.parent_path());
    writer_.open(path_.string(), fourcc, 25.0, size);
    if (!writer_.isOpened()) throw Error("cannot write the annotated video (codec or folder?)", path_.string());
  }

  fs::path path_;
  std::string tracker_;
  cv::VideoWriter writer_;
  std::chrono::steady_clock::time_point last_{};
  double fps_ = 0.0;
};

// The score map to overlay after each frame: SPOT's with --heatmap, none otherwise.
std::function<cv::Mat()> heatmap_source(const TrackOptions& o, const track::Tracker& tracker) {
  if (!o.heatmap) return [] { return cv::Mat(); };
  const auto* spot = dynamic_cast<const track::SpotTracker*>(&tracker);
  if (!spot) throw Error(fmt::format("--heatmap needs --tracker spot (got '{}')", o.tracker));
  return [spot] { return spot->score_map(); };
}

// A live camera: frames until Ctrl-C or --max-frames.
eval::TrackerOutput track_camera(const TrackOptions& o, const geometry::Box& init_box,
                                 track::Tracker& tracker, AnnotatedVideo& video, const std::string& name) {
  const auto heatmap = heatmap_source(o, tracker);
  const int index = std::stoi(o.input);
  cv::VideoCapture capture(index);
  if (!capture.isOpened()) throw Error(fmt::format("cannot open camera {} (is one connected?)", index));
  g_interrupted = 0;
  const auto previous = std::signal(SIGINT, on_interrupt);
  std::cerr << "tracking camera " << index << "; Ctrl-C stops\n";
  util::ProgressBar bar("track " + name, o.max_frames, "frames");
  auto out = track::run_frames(
      tracker, [&](cv::Mat& frame) { return !g_interrupted && capture.read(frame); },
      init_box, o.max_frames,
      [&](int i, const cv::Mat& frame, const track::TrackResult& r) {
        video.add(i, frame, r, heatmap());
        bar.advance(1);
      });
  std::signal(SIGINT, previous);
  bar.finish();
  return out;
}

void run(CLI::App& cmd, const TrackOptions& given) {
  if (!given.config.empty()) apply_config_file(cmd, given.config);  // fills `given` via the options
  TrackOptions o = given;
  const bool builtin = o.input.empty();
  if (builtin) {
    o.input = kDefaultInput;
    if (o.init.empty()) o.init = kDefaultInit;
    if (!fs::exists(o.input)) {
      throw Error("the built-in default clip is missing; install it with `apt-get install opencv-doc` "
                  "or pass --video FILE --init x,y,w,h", o.input);
    }
  }
  // Parsed up front: a bad --init fails before any work.
  const std::optional<geometry::Box> init_box =
      o.init.empty() ? std::nullopt : std::optional<geometry::Box>(geometry::parse_box(o.init));

  eval::TrackerOutput result;
  std::string name, stopped;
  OutputPaths paths;
  if (is_camera_index(o.input)) {
    if (!init_box) throw Error("a camera has no ground truth: give the target with --init x,y,w,h");
    name = "camera" + o.input;
    paths = output_paths(o, name);
    auto tracker = api::make_tracker(o.tracker, o.spot);
    AnnotatedVideo video(paths.video, o.tracker);
    result = track_camera(o, *init_box, *tracker, video, name);
  } else {
    auto sequences = data::load_dataset(o.input, o.format);
    const data::Sequence* seq = &sequences.front();
    if (!o.sequence.empty()) {
      auto it = std::find_if(sequences.begin(), sequences.end(),
                             [&](const data::Sequence& s) { return s.name == o.sequence; });
      if (it == sequences.end()) throw Error(fmt::format("no sequence '{}' in {}", o.sequence, o.input));
      seq = &*it;
    } else if (sequences.size() > 1) {
      throw Error(fmt::format("{} holds {} sequences; choose one with --sequence", o.input,
                              sequences.size()));
    }
    name = seq->name;
    paths = output_paths(o, name);

    track::RunOptions ro;
    ro.max_frames = o.max_frames;
    // A truncated or damaged video ends tracking at the first unreadable frame; what was tracked
    // before it is still written, then the run fails with the reason.
    ro.on_unreadable_frame = [&](int frame, const std::string& why) {
      stopped = fmt::format("{}; tracking stopped there, the {} frames before it are written", why, frame);
    };
    if (init_box) {
      ro.init_box = init_box;
      ro.init_frame = 0;
    } else if (!seq->has_groundtruth()) {
      throw Error(fmt::format("{} has no ground truth: give the target with --init x,y,w,h", o.input));
    }
    auto tracker = api::make_tracker(o.tracker, o.spot);
    const auto heatmap = heatmap_source(o, *tracker);
    AnnotatedVideo video(paths.video, o.tracker);
    const int n = o.max_frames > 0 ? std::min(o.max_frames, seq->size()) : seq->size();
    util::ProgressBar bar("track " + name, n, "frames");
    result = track::run_sequence(*tracker, *seq, ro,
                                 [&](int i, const cv::Mat& frame, const track::TrackResult& r) {
                                   video.add(i, frame, r, heatmap());
                                   bar.advance(1);
                                 });
    bar.finish();
  }
  eval::write_results(paths.results_dir, paths.results_name, result);
  long present = 0;
  for (const auto& b : result.boxes) present += b.has_value();
  std::cout << fmt::format("tracked '{}' with {} over {} frames (target reported in {})\n", name,
                           o.tracker, result.boxes.size(), present);
  std::cout << "annotated video: " << fs::absolute(paths.video).string() << "\n";
  std::cout << "boxes:           "
            << fs::absolute(paths.results_dir / (paths.results_name + ".txt")).string() << "\n";
  if (!stopped.empty()) throw Error(stopped);
}

void add_track_options(CLI::App& cmd, TrackOptions& o) {
  add_config_option(cmd, o.config);
  cmd.add_option("--video,--input", o.input,
                 "Video file, image folder, sequence folder or camera index (default: OpenCV's vtest.avi)");
  cmd.add_option("--format", o.format, "Input layout (default: auto-detect)")->capture_default_str();
  cmd.add_option("--init", o.init, "Target box on the first frame, x,y,w,h (default: the GT box)");
  cmd.add_option("--tracker", o.tracker, "Tracker name (spot or an OpenCV baseline)")->capture_default_str();
  add_spot_tracker_options(cmd, o.spot);
  cmd.add_option("--sequence", o.sequence, "Sequence to track when the input holds several");
  cmd.add_option("--out", o.out, "Output folder, or the annotated video file (.mp4/.avi/.mkv/.mov)")
      ->capture_default_str();
  cmd.add_option("--results", o.results,
                 "Boxes file (default: <out folder>/<sequence>.txt; confidence and times beside it)");
  cmd.add_flag("--heatmap", o.heatmap, "SPOT: blend the score map of every location over the annotated frames");
  cmd.add_option("--max-frames", o.max_frames, "Stop after N frames (0 = all; a camera runs until Ctrl-C)")
      ->check(CLI::Range(0, 1000000000));
}

}  // namespace

void register_track(CLI::App& app) {
  auto opts = std::make_shared<TrackOptions>();
  auto* cmd = app.add_subcommand(
      "track", "Track one target in a video, image folder, sequence or camera; writes an annotated video");
  add_track_options(*cmd, *opts);
  cmd->callback([opts, cmd] { run(*cmd, *opts); });
}

void register_demo(CLI::App& app) {
  auto opts = std::make_shared<TrackOptions>();
  opts->tracker = "spot";
  auto* cmd = app.add_subcommand(
      "demo", "SPOT's model on the built-in clip (OpenCV's vtest.avi); prints where the annotated video is");
  add_track_options(*cmd, *opts);
  cmd->callback([opts, cmd] { run(*cmd, *opts); });
}

}  // namespace spot::cli
