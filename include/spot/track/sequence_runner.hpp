// run_sequence: drives any Tracker over one Sequence the way the toolkits expect (init on one frame,
// update on every later frame) and collects the per-frame results and timings.
#pragma once

#include <functional>
#include <string>

#include <opencv2/core/mat.hpp>

#include "spot/data/sequence.hpp"
#include "spot/eval/results_io.hpp"
#include "spot/track/tracker.hpp"

namespace spot::track {

// Called after every processed frame (frame index, the frame, the result; for the init frame the
// result is the init box with present = true).
using FrameCallback = std::function<void(int, const cv::Mat&, const TrackResult&)>;

struct RunOptions {
  int init_frame = -1;                      // -1: the sequence's first frame with a GT box
  std::optional<geometry::Box> init_box;    // default: the GT box of init_frame
  int max_frames = 0;                       // > 0: stop after this many frames (quick looks)
  // Set: a frame after the init frame that cannot be read (truncated or damaged video, unreadable
  // image) ends tracking instead of throwing; it is called with the frame index and the reason, and
  // the output then holds only the frames before it. Unset: the reader's spot::Error propagates
  // (evaluation wants complete sequences).
  std::function<void(int, const std::string&)> on_unreadable_frame;
};

// Returns one entry per frame (frames before init_frame: absent, no confidence, 0 s; the init frame:
// the init box with an empty confidence, as VOT-LT writes it); shorter when on_unreadable_frame
// stopped it. Throws spot::Error when there is no
// frame to initialise on or no init box, and whatever the FrameReader throws on unreadable frames.
eval::TrackerOutput run_sequence(Tracker& tracker, const data::Sequence& sequence,
                                 const RunOptions& options = {},
                                 const FrameCallback& on_frame = {});

// Fills the frame and returns true, or returns false when the source has ended (or the user stopped it).
using FrameSource = std::function<bool(cv::Mat&)>;

// The same loop over a live source with no known length (a camera, a stream): init on its first
// frame with `init_box`, then update on every frame until it ends or after `max_frames` (> 0).
// Throws spot::Error when the source gives no first frame.
eval::TrackerOutput run_frames(Tracker& tracker, const FrameSource& next_frame,
                               const geometry::Box& init_box, int max_frames = 0,
                               const FrameCallback& on_frame = {});

}  // namespace spot::track
