// `spot track`: track one target in one video / image folder / sequence and write an annotated video.
// With no arguments it runs on a built-in default clip (OpenCV's vtest.avi from Debian's opencv-doc).
#include <filesystem>
#include <iostream>

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
  std::string sequence;
  int max_frames = 0;
  track::SpotTrackerConfig spot;
};

void draw(cv::Mat& canvas, int index, const track::TrackResult& r, const std::string& tracker) {
  const cv::Scalar green(0, 255, 0), red(0, 0, 255);
  if (r.present) {
    cv::rectangle(canvas, cv::Rect2d(r.box.x, r.box.y, r.box.w, r.box.h), green, 2);
  }
  const std::string label = fmt::format("{} frame {} {} score {:.2f}", tracker, index + 1,
                                        r.present ? "present" : "ABSENT", r.score);
  cv::putText(canvas, label, {8, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {0, 0, 0}, 3);
  cv::putText(canvas, label, {8, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.6, r.present ? green : red, 1);
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
                  "or pass --input VIDEO --init x,y,w,h", o.input);
    }
  }
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

  track::RunOptions ro;
  ro.max_frames = o.max_frames;
  // A truncated or damaged video ends tracking at the first unreadable frame; what was tracked
  // before it is still written, then the run fails with the reason.
  std::string stopped;
  ro.on_unreadable_frame = [&](int frame, const std::string& why) {
    stopped = fmt::format("{}; tracking stopped there, the {} frames before it are written", why, frame);
  };
  if (!o.init.empty()) {
    ro.init_box = geometry::parse_box(o.init);
    ro.init_frame = 0;
  } else if (!seq->has_groundtruth()) {
    throw Error(fmt::format("{} has no ground truth: give the target with --init x,y,w,h", o.input));
  }

  auto tracker = api::make_tracker(o.tracker, o.spot);
  const fs::path out_dir(o.out);
  fs::create_directories(out_dir);
  const fs::path video_path = out_dir / (seq->name + "_" + o.tracker + ".avi");
  cv::VideoWriter writer;
  const int n = o.max_frames > 0 ? std::min(o.max_frames, seq->size()) : seq->size();
  util::ProgressBar bar("track " + seq->name, n, "frames");
  const auto result = track::run_sequence(
      *tracker, *seq, ro, [&](int i, const cv::Mat& frame, const track::TrackResult& r) {
        if (!writer.isOpened()) {
          writer.open(video_path.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0,
                      frame.size());
          if (!writer.isOpened()) throw Error("cannot write the annotated video", video_path.string());
        }
        cv::Mat canvas = frame.clone();
        draw(canvas, i, r, o.tracker);
        writer.write(canvas);
        bar.advance(1);
      });
  bar.finish();
  eval::write_results(out_dir, seq->name, result);
  long present = 0;
  for (const auto& b : result.boxes) present += b.has_value();
  std::cout << fmt::format("tracked '{}' with {} over {} frames (target reported in {})\n",
                           seq->name, o.tracker, result.boxes.size(), present);
  std::cout << "annotated video: " << fs::absolute(video_path).string() << "\n";
  std::cout << "boxes:           " << fs::absolute(out_dir / (seq->name + ".txt")).string() << "\n";
  if (!stopped.empty()) throw Error(stopped);
}

}  // namespace

void register_track(CLI::App& app) {
  auto opts = std::make_shared<TrackOptions>();
  auto* cmd = app.add_subcommand(
      "track", "Track one target in a video, image folder or sequence; writes an annotated video");
  add_config_option(*cmd, opts->config);
  cmd->add_option("--input", opts->input,
                  "Video file, image folder or sequence folder (default: OpenCV's vtest.avi)");
  cmd->add_option("--format", opts->format, "Input layout (default: auto-detect)")->capture_default_str();
  cmd->add_option("--init", opts->init, "Target box on the first frame, x,y,w,h (default: the GT box)");
  cmd->add_option("--tracker", opts->tracker, "Tracker name (spot or an OpenCV baseline)")->capture_default_str();
  add_spot_tracker_options(*cmd, opts->spot);
  cmd->add_option("--sequence", opts->sequence, "Sequence to track when --input holds several");
  cmd->add_option("--out", opts->out, "Output folder")->capture_default_str();
  cmd->add_option("--max-frames", opts->max_frames, "Stop after N frames (0 = all)")
      ->check(CLI::Range(0, 1000000000));
  cmd->callback([opts, cmd] { run(*cmd, *opts); });
}

}  // namespace spot::cli
