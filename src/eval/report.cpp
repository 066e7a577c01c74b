// The side-by-side text table of an evaluate() report: one column per results name, one row per
// overall scalar metric.
#include "spot/eval/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "spot/eval/evaluate.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
// Headline metrics first, in the order people quote them; anything else follows alphabetically.
std::vector<std::string> preferred_keys(const std::string& protocol) {
  if (protocol == "otb") return {"success_auc", "success_rate_0.5", "precision_at_20px"};
  if (protocol == "lasot")
    return {"success_auc", "success_rate_0.5", "precision_at_20px", "normalized_precision_score"};
  if (protocol == "got10k") return {"ao", "sr50", "sr75"};
  if (protocol == "vot-lt") return {"f_score", "precision", "recall"};
  if (protocol == "oxuva") return {"MaxGM", "GM", "TPR", "TNR", "TP", "FN", "FP", "TN"};
  if (protocol == "point")
    return {"point_hit_rate", "point_hit_rate_seq_mean", "absent_accuracy",
            "absent_accuracy_seq_mean"};
  return {};
}

std::string cell(const nlohmann::json* v) {
  if (v == nullptr) return "";
  if (v->is_null()) return "-";
  if (v->is_number_integer()) return std::to_string(v->get<long long>());
  if (v->is_number()) return fmt::format("{:.4f}", v->get<double>());
  if (v->is_string()) return v->get<std::string>();
  return "";
}

const nlohmann::json* find(const nlohmann::json& j, const std::string& key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}
}  // namespace

std::string format_table(const nlohmann::json& report) {
  if (!report.is_object() || report.empty()) return {};
  std::vector<std::string> names;
  for (const auto& [protocol, by_name] : report.items()) {
    for (const auto& [name, result] : by_name.items()) {
      (void)result;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  std::vector<std::string> protocols;
  for (const auto& p : protocol_names())
    if (report.contains(p)) protocols.push_back(p);
  for (const auto& [p, v] : report.items()) {
    (void)v;
    if (std::find(protocols.begin(), protocols.end(), p) == protocols.end()) protocols.push_back(p);
  }

  std::vector<std::vector<std::string>> rows;
  rows.push_back({"metric"});
  for (const auto& n : names) rows.front().push_back(n);
  for (const auto& p : protocols) {
    const nlohmann::json& by_name = report.at(p);
    // Scalar keys of the overall results, preferred ones first.
    std::vector<std::string> keys = preferred_keys(p);
    for (const auto& [name, result] : by_name.items()) {
      (void)name;
      const nlohmann::json* overall = find(result, "overall");
      if (!overall) continue;
      for (const auto& [key, value] : overall->items()) {
        if ((value.is_primitive()) && std::find(keys.begin(), keys.end(), key) == keys.end())
          keys.push_back(key);
      }
    }
    for (const auto& key : keys) {
      std::vector<std::string> row{p + "." + key};
      bool any = false;
      for (const auto& n : names) {
        const nlohmann::json* v = find(by_name, n);
        v = v ? find(*v, "overall") : nullptr;
        v = v ? find(*v, key) : nullptr;
        any = any || v != nullptr;
        row.push_back(cell(v));
      }
      if (any) rows.push_back(row);
    }
    if (p == "point") {
      for (const auto& bin : point_size_bins()) {
        std::vector<std::string> row{"point.by_size." + bin};
        bool any = false;
        for (const auto& n : names) {
          const nlohmann::json* v = find(by_name, n);
          v = v ? find(*v, "overall") : nullptr;
          v = v ? find(*v, "by_size") : nullptr;
          v = v ? find(*v, bin) : nullptr;
          const nlohmann::json* rate = v ? find(*v, "point_hit_rate") : nullptr;
          const nlohmann::json* frames = v ? find(*v, "frames") : nullptr;
          any = any || rate != nullptr;
          std::string text = cell(rate);
          if (frames && frames->is_number_integer())
            text += fmt::format(" ({})", frames->get<long long>());
          row.push_back(text);
        }
        if (any) rows.push_back(row);
      }
    }
  }

  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  std::string out;
  for (const auto& r : rows) {
    std::string line = fmt::format("{:<{}}", r[0], width[0]);
    for (std::size_t c = 1; c < r.size(); ++c) line += fmt::format("  {:>{}}", r[c], width[c]);
    out += line + "\n";
  }
  return out;
}

}  // namespace spot::eval
