// CandidateAssociation: motion prior over a frame's peaks.
#include "spot/track/candidate_association.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::track {

util::Fields AssociationConfig::fields() {
  return {{"enabled", &enabled},
          {"far_factor", &far_factor},
          {"motion_sigma", &motion_sigma},
          {"forget_after", &forget_after},
          {"hold_ncc", &hold_ncc},
          {"hold_search", &hold_search},
          {"hold_min_score", &hold_min_score},
          {"confident_score", &confident_score},
          {"distractor_factor", &distractor_factor}};
}

void AssociationConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid association config: " + what, source); };
  if (!(far_factor > 0 && far_factor <= 1)) fail(fmt::format("far_factor = {} (expected 0 < f <= 1)", far_factor));
  if (!(motion_sigma > 0)) fail(fmt::format("motion_sigma = {} (expected > 0)", motion_sigma));
  if (!(hold_ncc >= 0 && hold_ncc <= 1)) fail(fmt::format("hold_ncc = {} (expected 0..1; 0 = off)", hold_ncc));
  if (!(hold_search > 0 && hold_search <= 4)) {
    fail(fmt::format("hold_search = {} (expected 0 < s <= 4 target sizes)", hold_search));
  }
  if (!(hold_min_score >= 0 && hold_min_score <= 1)) {
    fail(fmt::format("hold_min_score = {} (expected 0..1; 0 = off)", hold_min_score));
  }
  if (forget_after < 0) fail(fmt::format("forget_after = {} (expected >= 0)", forget_after));
  if (!(confident_score >= 0 && confident_score <= 1)) {
    fail(fmt::format("confident_score = {} (expected 0..1; 0 = off)", confident_score));
  }
  if (!(distractor_factor > 0 && distractor_factor <= 1)) {
    fail(fmt::format("distractor_factor = {} (expected 0 < f <= 1; 1 = off)", distractor_factor));
  }
}

namespace {
double distance(const geometry::Point& a, const geometry::Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

CandidateAssociation::CandidateAssociation(const AssociationConfig& config) : config_(config) { config_.validate(); }

void CandidateAssociation::reset(const geometry::Point& where, double size,
                                 const std::vector<geometry::Point>& lookalikes) {
  last_ = where;
  size_ = std::max(size, 1.0);
  missing_ = 0;
  lookalikes_ = lookalikes;
}

size_t CandidateAssociation::select(const std::vector<Candidate>& candidates) const {
  if (candidates.empty()) throw Error("candidate association: no candidates");
  const bool prior = config_.enabled && missing_ <= config_.forget_after;
  // The target may have moved further the longer it was not seen.
  const double sigma = config_.motion_sigma * size_ * (1 + missing_);
  size_t best = 0;
  double best_value = -1e300;
  for (size_t i = 0; i < candidates.size(); ++i) {
    double value = candidates[i].score;
    if (prior) {
      const double dx = candidates[i].point.x - last_.x, dy = candidates[i].point.y - last_.y;
      const double near = std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
      value *= config_.far_factor + (1 - config_.far_factor) * near;
      // A peak nearer a known look-alike than the target's last position, and within a motion step
      // of it, is taken to be that look-alike.
      if (remembers_lookalikes()) {
        const double to_target = std::hypot(dx, dy);
        for (const auto& l : lookalikes_) {
          const double d = distance(candidates[i].point, l);
          if (d < config_.motion_sigma * size_ && d < to_target) {
            value *= config_.distractor_factor;
            break;
          }
        }
      }
    }
    if (value > best_value) {
      best_value = value;
      best = i;
    }
  }
  return best;
}

void CandidateAssociation::remember(const std::vector<Candidate>& candidates, size_t chosen, bool present,
                                    double score) {
  if (!remembers_lookalikes()) return;
  if (missing_ > config_.forget_after) lookalikes_.clear();  // the prior has lapsed: nothing is known
  if (!present || chosen >= candidates.size()) return;
  const auto& target = candidates[chosen].point;
  const bool followed = score >= config_.confident_score || distance(target, last_) <= config_.motion_sigma * size_;
  if (!followed) return;
  lookalikes_.clear();
  for (size_t i = 0; i < candidates.size(); ++i) {
    // Peaks within a target size of the chosen one are parts of the target's own blob.
    if (i != chosen && distance(candidates[i].point, target) > size_) lookalikes_.push_back(candidates[i].point);
  }
}

void CandidateAssociation::observe(bool present, const geometry::Point& where, double size, double score) {
  if (present && score >= config_.confident_score) {
    last_ = where;
    if (size > 0) size_ = size;
    missing_ = 0;
  } else {
    ++missing_;
  }
}

}  // namespace spot::track
