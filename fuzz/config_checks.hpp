// Contract checks shared by the config fuzz targets: a config that loaded (and so passed its
// validate()) must hold only finite numbers; an inf or NaN that slips through validation reaches
// the tracker / trainer as garbage and cannot even be written back to JSON (checkpoints).
#pragma once

#include <cmath>
#include <type_traits>
#include <variant>
#include <vector>

#include "fuzz_support.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::fuzz {

inline void check_finite_fields(const util::Fields& fields) {
  for (const auto& [key, field] : fields) {
    std::visit(
        [](auto* p) {
          using T = std::remove_pointer_t<decltype(p)>;
          if constexpr (std::is_same_v<T, double>) {
            SPOT_FUZZ_CHECK(std::isfinite(*p));
          } else if constexpr (std::is_same_v<T, std::vector<double>>) {
            for (double v : *p) SPOT_FUZZ_CHECK(std::isfinite(v));
          }
        },
        field);
  }
}

}  // namespace spot::fuzz
