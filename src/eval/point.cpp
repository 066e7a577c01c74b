// SPOT's point criterion: a present frame is a hit when the predicted box's centre lies in the GT
// box (closed), an absent frame when the tracker reports absent; per size bin of the GT box too;
// and re-acquisition: how many frames after the target comes back the first hit happens, and the
// first of kHeldHits hits in a row (a tracker that jumps between peaks hits a returned target now
// and then by chance; a re-acquisition that holds is the one a user sees).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
constexpr std::size_t kBins = 6;
// Lower edges of the sqrt(w*h) bins; the last bin is open-ended.
constexpr std::array<double, kBins> kBinLow = {0, 8, 16, 32, 64, 128};
// Consecutive hits that make a held re-acquisition.
constexpr long kHeldHits = 3;

std::size_t size_bin(const geometry::Box& gt) { return point_size_bin(geometry::box_size(gt)); }

struct Tally {
  long present = 0, hits = 0, absent = 0, absent_hits = 0;
  std::array<long, kBins> bin_frames{}, bin_hits{};
  // Re-acquisition: one entry per return of the target after a GT-absent run; frames from its
  // return until the first hit, or -1 when it was not hit before it left again (or the end).
  std::vector<long> reacquire;
  // The same to the first of kHeldHits hits in a row (-1: no such run before it left or the end).
  std::vector<long> reacquire_held;
  void add(const Tally& o) {
    reacquire.insert(reacquire.end(), o.reacquire.begin(), o.reacquire.end());
    reacquire_held.insert(reacquire_held.end(), o.reacquire_held.begin(), o.reacquire_held.end());
    present += o.present;
    hits += o.hits;
    absent += o.absent;
    absent_hits += o.absent_hits;
    for (std::size_t i = 0; i < kBins; ++i) {
      bin_frames[i] += o.bin_frames[i];
      bin_hits[i] += o.bin_hits[i];
    }
  }
};

double ratio(long num, long den) {
  return den > 0 ? static_cast<double>(num) / static_cast<double>(den)
                 : std::numeric_limits<double>::quiet_NaN();
}

Tally sequence_tally(const SequenceEvalInput& s, const TrackerOutput& out) {
  const std::size_t init = static_cast<std::size_t>(init_frame(s));
  Tally t;
  long returned_at = -1;  // frame where the target came back, while not yet re-acquired
  long held_from = -1;    // the same until it is held (kHeldHits hits in a row)
  long in_a_row = 0;      // hits in a row up to frame k
  for (std::size_t k = init + 1; k < s.groundtruth.size(); ++k) {
    const geometry::MaybeBox& gt = s.groundtruth[k];
    const geometry::MaybeBox& pred = out.boxes[k];
    if (detail::present(gt)) {
      const std::size_t bin = size_bin(*gt);
      const bool hit = detail::present(pred) && geometry::contains(*gt, pred->center());
      if (!detail::present(s.groundtruth[k - 1])) {
        returned_at = held_from = static_cast<long>(k);
        t.reacquire.push_back(-1);
        t.reacquire_held.push_back(-1);
        in_a_row = 0;
      }
      in_a_row = hit ? in_a_row + 1 : 0;
      if (hit && returned_at >= 0) {
        t.reacquire.back() = static_cast<long>(k) - returned_at;
        returned_at = -1;
      }
      if (in_a_row >= kHeldHits && held_from >= 0) {
        t.reacquire_held.back() = static_cast<long>(k) - (kHeldHits - 1) - held_from;
        held_from = -1;
      }
      ++t.present;
      ++t.bin_frames[bin];
      t.hits += hit;
      t.bin_hits[bin] += hit;
    } else {
      returned_at = held_from = -1;
      ++t.absent;
      t.absent_hits += !detail::present(pred);
    }
  }
  return t;
}

// returns, reacquired, median_frames and max_frames of one list of re-acquisition delays.
nlohmann::json reacquisition_summary(const std::vector<long>& delays) {
  std::vector<long> frames;
  for (long f : delays)
    if (f >= 0) frames.push_back(f);
  std::sort(frames.begin(), frames.end());
  nlohmann::json r = {{"returns", delays.size()}, {"reacquired", frames.size()}};
  // Median of an even count: the mean of the two middle values (as numpy.median).
  const std::size_t n = frames.size();
  r["median_frames"] = n == 0 ? nlohmann::json(nullptr)
                              : nlohmann::json(0.5 * static_cast<double>(frames[(n - 1) / 2] + frames[n / 2]));
  r["max_frames"] = n == 0 ? nlohmann::json(nullptr) : nlohmann::json(frames.back());
  return r;
}

nlohmann::json metrics(const Tally& t) {
  nlohmann::json m;
  m["point_hit_rate"] = detail::number(ratio(t.hits, t.present));
  m["absent_accuracy"] = detail::number(ratio(t.absent_hits, t.absent));
  nlohmann::json bins = nlohmann::json::object();
  const std::vector<std::string> labels = point_size_bins();
  for (std::size_t i = 0; i < kBins; ++i) {
    bins[labels[i]] = {{"frames", t.bin_frames[i]},
                       {"point_hit_rate", detail::number(ratio(t.bin_hits[i], t.bin_frames[i]))}};
  }
  m["by_size"] = bins;
  nlohmann::json r = reacquisition_summary(t.reacquire);
  r["held"] = reacquisition_summary(t.reacquire_held);
  r["held"]["hits_in_a_row"] = kHeldHits;
  m["reacquisition"] = r;
  return m;
}
}  // namespace

std::size_t point_size_bin(double size) {
  std::size_t bin = 0;
  for (std::size_t i = 0; i < kBins; ++i) {
    if (size >= kBinLow[i]) bin = i;
  }
  return bin;
}

std::vector<std::string> point_size_bins() {
  return {"0-8", "8-16", "16-32", "32-64", "64-128", "128+"};
}

nlohmann::json evaluate_point(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", false);
  nlohmann::json per_seq = nlohmann::json::object();
  Tally pooled;
  // Per-sequence means skip sequences where the rate is undefined (no such frames).
  std::vector<double> hit_rates, absent_rates;
  for (const auto& s : sequences) {
    const Tally t = sequence_tally(s, detail::output_for(results, s.name));
    per_seq[s.name] = metrics(t);
    pooled.add(t);
    if (t.present > 0) hit_rates.push_back(ratio(t.hits, t.present));
    if (t.absent > 0) absent_rates.push_back(ratio(t.absent_hits, t.absent));
  }
  nlohmann::json overall = metrics(pooled);
  overall["point_hit_rate_seq_mean"] = detail::number(detail::np_mean(hit_rates));
  overall["absent_accuracy_seq_mean"] = detail::number(detail::np_mean(absent_rates));
  return detail::protocol_result(per_seq, overall);
}

}  // namespace spot::eval
