// CandidateAssociation: picks the target among the peaks of a frame's score map using where the
// target was (KeepTrack's idea, kept simple): while the target is being followed, a peak near its
// last position is preferred, so a look-alike that briefly scores a little higher elsewhere does not
// steal the track; a far peak still wins when it is clearly stronger, and once the target has been
// missing for a while every location of the frame is equal again (re-detection anywhere).
#pragma once

#include <string>
#include <vector>

#include "spot/geometry/box.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::track {

struct Candidate {
  geometry::Point point;  // frame px
  double score = 0;       // fused score, higher = more target-like
};

struct AssociationConfig {
  bool enabled = true;
  double far_factor = 0.7;     // a far peak's score counts this much against a near one (1 = no prior)
  double motion_sigma = 2.0;   // "near" = within this many target sizes (grows while the target is missing)
  int forget_after = 10;       // frames without the target after which there is no position prior
  // A present frame moves the prior only when its score is at least this; weaker frames count as
  // frames without the target (the prior stays where the target was last seen clearly and widens),
  // so a weak lock on a look-alike does not hold the track against the target's return. 0 = off;
  // 0.6 (the online model's update_threshold) was chosen on held-out data (docs/TRACKER.md).
  double confident_score = 0.6;
  // A peak that continues one of the look-alikes seen beside the target (the other peaks of the init
  // frame and of frames where the target was followed) counts this much: a look-alike known as such
  // keeps its identity when it briefly outscores the target, while a peak that appears anywhere else
  // (the target coming back) is not held back. 1 = off.
  double distractor_factor = 1.0;
  // Template hold (a local tracker beside the global search, as in LTMU): when the frame's chosen
  // peak is not within hold_search target sizes of where the target was last reported (or the frame
  // says absent), the target's init-frame image template is matched within hold_search target sizes
  // of that place, and a match with normalised correlation >= hold_ncc is taken as the target
  // (present, scored by the map there but at least the presence threshold). Small look-alike
  // targets (a truck among trucks) that the map loses are held where they are; a peak next to the
  // last position, or a return far away when nothing there looks like the target any more, still
  // wins. Needs [refine] enabled (the template). 0 = off; 0.7 was chosen on held-out data
  // (docs/TRACKER.md).
  double hold_ncc = 0.7;
  double hold_search = 1.0;
  // A held point must score at least this on the map (relative when presence is): a place that still
  // looks like the target after it left, but that the network does not like at all, is let go. 0 = off;
  // 0.1 was chosen on held-out data (docs/TRACKER.md).
  double hold_min_score = 0.1;
  util::Fields fields();
  void validate(const std::string& source = "association config") const;
};

class CandidateAssociation {
 public:
  explicit CandidateAssociation(const AssociationConfig& config = {});
  // The target is at `where`, `size` = sqrt(w*h) px.
  void reset(const geometry::Point& where, double size, const std::vector<geometry::Point>& lookalikes = {});
  // Index of the candidate taken as the target (candidates non-empty).
  size_t select(const std::vector<Candidate>& candidates) const;
  // Tells the outcome of the frame: found at `where` (present) with this score, or not. A present
  // frame scoring under config.confident_score counts as one without the target.
  void observe(bool present, const geometry::Point& where = {}, double size = 0, double score = 1.0);
  // Remembers this frame's other peaks as look-alikes when the chosen one is the followed target
  // (present, and confident or near its last position); call before observe().
  // (A no-op unless remembers_lookalikes().)
  void remember(const std::vector<Candidate>& candidates, size_t chosen, bool present, double score);
  // Whether look-alikes count at all (association on, distractor_factor < 1): otherwise the tracker
  // need not find them.
  bool remembers_lookalikes() const { return config_.enabled && config_.distractor_factor < 1; }
  const std::vector<geometry::Point>& lookalikes() const { return lookalikes_; }
  int frames_missing() const { return missing_; }

 private:
  AssociationConfig config_;
  geometry::Point last_;
  double size_ = 1;
  int missing_ = 0;
  std::vector<geometry::Point> lookalikes_;  // frame px, from the last frame the target was followed
};

}  // namespace spot::track
