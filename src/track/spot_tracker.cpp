// SpotTracker: template encoding at init, whole-frame scoring at every update.
#include "spot/track/spot_tracker.hpp"

#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/image_tensor.hpp"
#include "spot/model/model_file.hpp"
#include "spot/model/weights_path.hpp"
#include "spot/track/validate.hpp"

namespace spot::track {

util::Fields SpotTrackerConfig::fields() {
  return {{"weights", &weights},
          {"presence_threshold", &presence_threshold},
          {"input_scale", &input_scale},
          {"template_size", &template_size},
          {"threads", &threads}};
}

void SpotTrackerConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid tracker config: " + what, source); };
  if (!(presence_threshold >= 0 && presence_threshold <= 1)) {
    fail(fmt::format("presence_threshold = {} (expected 0..1)", presence_threshold));
  }
  if (!(input_scale > 0.05 && input_scale <= 4)) fail(fmt::format("input_scale = {} (expected 0.05..4)", input_scale));
  if (template_size < 16) fail(fmt::format("template_size = {} (expected >= 16)", template_size));
  if (threads < 1) fail(fmt::format("threads = {} (expected >= 1)", threads));
}

std::string find_spot_weights(const std::string& explicit_path) {
  return model::find_weights_file("spot_default.pt", "SPOT model weights", explicit_path);
}

class SpotTrackerImpl {
 public:
  explicit SpotTrackerImpl(const SpotTrackerConfig& c)
      : config_(c), model_(model::load_model_file(find_spot_weights(c.weights))) {
    config_.validate();
    torch::set_num_threads(config_.threads);
    model_->eval();
  }

  void init(const cv::Mat& frame, const geometry::Box& box) {
    validate_init(frame, box);
    torch::NoGradGuard no_grad;
    // Same template as in training: a template_size square around the box at the search scale.
    const double k = config_.input_scale, half = config_.template_size / 2.0;
    const geometry::Point c = box.center();
    const cv::Mat m = (cv::Mat_<double>(2, 3) << k, 0, half - k * c.x, 0, k, half - k * c.y);
    cv::Mat crop;
    cv::warpAffine(bgr(frame), crop, m, {config_.template_size, config_.template_size},
                   k < 1 ? cv::INTER_AREA : cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::mean(frame));
    const geometry::Box tb = geometry::crop_to_image({half - k * box.w / 2, half - k * box.h / 2, k * box.w, k * box.h},
                                                     {config_.template_size, config_.template_size});
    const auto boxes = torch::tensor({{float(tb.x), float(tb.y), float(tb.w), float(tb.h)}});
    kernels_ = model_->encode_template(to_tensor(crop).unsqueeze(0), boxes);
    last_ = box;
  }

  TrackResult update(const cv::Mat& frame) {
    if (kernels_.empty()) throw Error("spot tracker: update() called before init()");
    if (frame.empty()) throw Error("spot tracker: empty frame");
    torch::NoGradGuard no_grad;
    cv::Mat input = bgr(frame);
    if (config_.input_scale != 1.0) {
      cv::resize(input, input, cv::Size(), config_.input_scale, config_.input_scale,
                 config_.input_scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    const auto out = model_->forward(to_tensor(input).unsqueeze(0), kernels_);
    // Global search: the maximum over the whole fused map.
    const auto flat = out.fused_logits.flatten();
    const int64_t idx = flat.argmax().item<int64_t>();
    const double score = torch::sigmoid(flat[idx]).item<double>();
    const int64_t w = out.fused_logits.size(3);
    const int64_t i = idx / w, j = idx % w;
    const double s = out.fused_stride;
    const double px = (j + 0.5) * s, py = (i + 0.5) * s;
    const auto ltrb = out.ltrb.index({0, torch::indexing::Slice(), i, j});
    const double bw = (ltrb[0] + ltrb[2]).item<double>(), bh = (ltrb[1] + ltrb[3]).item<double>();
    // The box is centred on the top-scoring point (the point criterion's answer) with the size the
    // box head predicts there; mapped back to frame pixels.
    const double k = config_.input_scale;
    const geometry::Box box{(px - bw / 2) / k, (py - bh / 2) / k, bw / k, bh / k};
    const bool present = score >= config_.presence_threshold;
    if (present) last_ = box;
    return {present ? box : last_, score, present};
  }

 private:
  static cv::Mat bgr(const cv::Mat& frame) {
    if (frame.type() == CV_8UC3) return frame;
    cv::Mat out;
    if (frame.type() == CV_8UC1) {
      cv::cvtColor(frame, out, cv::COLOR_GRAY2BGR);
      return out;
    }
    throw Error("spot tracker: expected an 8-bit BGR or grey frame");
  }
  static torch::Tensor to_tensor(const cv::Mat& m) { return model::bgr_image_tensor(m.data, m.rows, m.cols, m.step); }

  SpotTrackerConfig config_;
  model::SpotModel model_;
  std::vector<torch::Tensor> kernels_;
  geometry::Box last_;
};

SpotTracker::SpotTracker(const SpotTrackerConfig& config) : impl_(std::make_unique<SpotTrackerImpl>(config)) {}
SpotTracker::~SpotTracker() = default;
void SpotTracker::init(const cv::Mat& frame, const geometry::Box& box) { impl_->init(frame, box); }
TrackResult SpotTracker::update(const cv::Mat& frame) { return impl_->update(frame); }

}  // namespace spot::track
