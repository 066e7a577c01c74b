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
          {"confident_score", &confident_score}};
}

void AssociationConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid association config: " + what, source); };
  if (!(far_factor > 0 && far_factor <= 1)) fail(fmt::format("far_factor = {} (expected 0 < f <= 1)", far_factor));
  if (!(motion_sigma > 0)) fail(fmt::format("motion_sigma = {} (expected > 0)", motion_sigma));
  if (forget_after < 0) fail(fmt::format("forget_after = {} (expected >= 0)", forget_after));
  if (!(confident_score >= 0 && confident_score <= 1)) {
    fail(fmt::format("confident_score = {} (expected 0..1; 0 = off)", confident_score));
  }
}

CandidateAssociation::CandidateAssociation(const AssociationConfig& config) : config_(config) { config_.validate(); }

void CandidateAssociation::reset(const geometry::Point& where, double size) {
  last_ = where;
  size_ = std::max(size, 1.0);
  missing_ = 0;
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
    }
    if (value > best_value) {
      best_value = value;
      best = i;
    }
  }
  return best;
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
