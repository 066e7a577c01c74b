// run_sequence: the init/update loop shared by `spot run`, `spot track` and the tests.
#include "spot/track/sequence_runner.hpp"

#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "spot/data/frame_reader.hpp"
#include "spot/error.hpp"

namespace spot::track {
namespace {

// The init/update loop over frames [0, n): frames before `init` are absent, `read(i, frame)` returns
// false to end early (the output then holds the frames before i).
eval::TrackerOutput drive(Tracker& tracker, int init, int n, const geometry::Box& init_box,
                          const std::function<bool(int, cv::Mat&)>& read,
                          const FrameCallback& on_frame) {
  eval::TrackerOutput out;
  const int lead = std::min(init, n);
  out.boxes.assign(lead, std::nullopt);
  out.confidence.assign(lead, std::nullopt);
  out.seconds.assign(lead, 0.0);
  using clock = std::chrono::steady_clock;
  cv::Mat frame;
  for (int i = init; i < n && read(i, frame); ++i) {
    const auto t0 = clock::now();
    TrackResult r;
    if (i == init) {
      tracker.init(frame, init_box);
      r = {init_box, 1.0, true};
    } else {
      r = tracker.update(frame);
    }
    out.seconds.push_back(std::chrono::duration<double>(clock::now() - t0).count());
    out.boxes.push_back(r.present ? geometry::MaybeBox(r.box) : std::nullopt);
    out.confidence.push_back(i != init ? std::optional<double>(r.score) : std::nullopt);
    if (on_frame) on_frame(i, frame, r);
  }
  return out;
}

}  // namespace

eval::TrackerOutput run_sequence(Tracker& tracker, const data::Sequence& sequence,
                                 const RunOptions& options, const FrameCallback& on_frame) {
  const int init = options.init_frame >= 0 ? options.init_frame : sequence.first_annotated_frame();
  if (init < 0 || init >= sequence.size()) {
    throw Error(fmt::format("sequence '{}': no frame to initialise on (no GT box; give an init box)",
                            sequence.name));
  }
  geometry::Box init_box;
  if (options.init_box) {
    init_box = *options.init_box;
  } else if (init < static_cast<int>(sequence.groundtruth.size()) && sequence.groundtruth[init]) {
    init_box = *sequence.groundtruth[init];
  } else {
    throw Error(fmt::format("sequence '{}': frame {} has no GT box to initialise on", sequence.name,
                            init + 1));
  }

  int n = sequence.size();
  if (options.max_frames > 0) n = std::min(n, options.max_frames);
  data::FrameReader reader(sequence);
  return drive(tracker, init, n, init_box, [&](int i, cv::Mat& frame) {
    try {
      frame = reader.read(i);
      return true;
    } catch (const Error& e) {
      if (i == init || !options.on_unreadable_frame) throw;
      options.on_unreadable_frame(i, e.what());
      return false;
    }
  }, on_frame);
}

eval::TrackerOutput run_frames(Tracker& tracker, const FrameSource& next_frame,
                               const geometry::Box& init_box, int max_frames,
                               const FrameCallback& on_frame) {
  const int n = max_frames > 0 ? max_frames : std::numeric_limits<int>::max();
  return drive(tracker, 0, n, init_box, [&](int i, cv::Mat& frame) {
    frame = cv::Mat();  // a fresh buffer: a tracker may still hold the previous frame's pixels
    if (next_frame(frame) && !frame.empty()) return true;
    if (i == 0) throw Error("the video source gave no frame to initialise on");
    return false;
  }, on_frame);
}

}  // namespace spot::track
