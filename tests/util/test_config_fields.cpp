// Config field binding: values that do not fit a field are errors, from TOML files and from the
// JSON a checkpoint stores. The cases mirror what fuzz/fuzz_*config and fuzz/fuzz_checkpoint found.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spot/util/config_fields.hpp"
#include "support/errors.hpp"

namespace spot::util {
namespace {

using test::error_of;
using test::expect_contains;

struct Sample {
  int count = 1;
  double rate = 0.5;
  std::uint64_t seed = 7;
  std::vector<int> levels = {1, 3};
  Fields fields() {
    return {{"count", &count}, {"rate", &rate}, {"seed", &seed}, {"levels", &levels}};
  }
};

std::string toml_error(const std::string& text) {
  return error_of([&] {
    Sample s;
    read_fields(toml::parse(text), s.fields(), "c.toml", "");
  });
}

// fuzz/regressions/synth_config/: `noise_sigma = inf` passed `noise_sigma >= 0`.
TEST(ReadFields, InfAndNanAreNotNumbers) {
  expect_contains(toml_error("rate = inf\n"), {"c.toml:1:", "'rate'", "finite number"});
  expect_contains(toml_error("count = 2\nrate = -nan\n"), {"c.toml:2:", "'rate'", "finite number"});
}

TEST(ReadFields, IntegersOutsideAnIntDoNotWrap) {
  // 4294967328 = 2^32 + 32 used to become 32.
  expect_contains(toml_error("count = 4294967328\n"), {"c.toml:1:", "'count'", "32-bit"});
  expect_contains(toml_error("levels = [1, -2147483649]\n"), {"'levels'", "32-bit"});
  Sample s;
  read_fields(toml::parse("count = -2147483648\nrate = 3\nseed = 9223372036854775807\n"),
              s.fields(), "c.toml", "");
  EXPECT_EQ(s.count, -2147483648LL);
  EXPECT_EQ(s.rate, 3.0);
  EXPECT_EQ(s.seed, 9223372036854775807ULL);
}

// fuzz/regressions/checkpoint/meta-int-field-*: get<int>() of 1e300 was undefined behaviour and
// of 4.5 silently 4.
TEST(FieldsFromJson, NumbersMustFitTheirField) {
  auto from = [](const char* text) {
    return error_of([&] {
      Sample s;
      fields_from_json(nlohmann::json::parse(text), s.fields(), "model.pt");
    });
  };
  expect_contains(from(R"({"count": 1e300})"), {"model.pt", "'count'", "integer"});
  expect_contains(from(R"({"count": 4.5})"), {"'count'", "integer"});
  expect_contains(from(R"({"count": 4294967328})"), {"'count'", "32-bit"});
  expect_contains(from(R"({"seed": -1})"), {"'seed'", "non-negative"});
  expect_contains(from(R"({"rate": "fast"})"), {"'rate'", "a number"});
  expect_contains(from(R"({"levels": [1, 2.5]})"), {"'levels'", "array of"});
  expect_contains(from(R"([1, 2])"), {"model.pt", "JSON object"});
}

TEST(FieldsFromJson, RoundTripKeepsEveryValue) {
  Sample a;
  a.count = -3;
  a.rate = 0.125;
  a.seed = 18446744073709551615ULL;
  a.levels = {0, 4, 9};
  Sample b;
  fields_from_json(fields_to_json(a.fields()), b.fields(), "round trip");
  EXPECT_EQ(b.count, -3);
  EXPECT_EQ(b.rate, 0.125);
  EXPECT_EQ(b.seed, 18446744073709551615ULL);
  EXPECT_EQ(b.levels, (std::vector<int>{0, 4, 9}));
  Sample c;  // the same after a trip through text, where non-negative integers come back unsigned
  fields_from_json(nlohmann::json::parse(fields_to_json(a.fields()).dump()), c.fields(), "text");
  EXPECT_EQ(c.count, -3);
  EXPECT_EQ(c.seed, 18446744073709551615ULL);
  EXPECT_EQ(c.levels, (std::vector<int>{0, 4, 9}));
}

}  // namespace
}  // namespace spot::util
