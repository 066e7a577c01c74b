// run_sequence: the init/update loop shared by `spot run`, `spot track` and the tests.
#include "spot/track/sequence_runner.hpp"

#include <chrono>

#include <fmt/format.h>

#include "spot/data/frame_reader.hpp"
#include "spot/error.hpp"

namespace spot::track {

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
  eval::TrackerOutput out;
  out.boxes.assign(n, std::nullopt);
  out.confidence.assign(n, std::nullopt);
  out.seconds.assign(n, 0.0);

  data::FrameReader reader(sequence);
  using clock = std::chrono::steady_clock;
  for (int i = init; i < n; ++i) {
    cv::Mat frame;
    try {
      frame = reader.read(i);
    } catch (const Error& e) {
      if (i == init || !options.on_unreadable_frame) throw;
      out.boxes.resize(i);
      out.confidence.resize(i);
      out.seconds.resize(i);
      options.on_unreadable_frame(i, e.what());
      break;
    }
    const auto t0 = clock::now();
    TrackResult r;
    if (i == init) {
      tracker.init(frame, init_box);
      r = {init_box, 1.0, true};
    } else {
      r = tracker.update(frame);
    }
    out.seconds[i] = std::chrono::duration<double>(clock::now() - t0).count();
    if (r.present) out.boxes[i] = r.box;
    if (i != init) out.confidence[i] = r.score;
    if (on_frame) on_frame(i, frame, r);
  }
  return out;
}

}  // namespace spot::track
