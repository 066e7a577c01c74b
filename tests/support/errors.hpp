// Checking spot::Error messages in tests.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "spot/error.hpp"

namespace spot::test {

// The what() of the spot::Error `f` throws; records a failure when it throws nothing.
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const spot::Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a spot::Error";
  return {};
}

inline void expect_contains(const std::string& text, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts) {
    EXPECT_NE(text.find(part), std::string::npos) << "'" << part << "' not in: " << text;
  }
}

}  // namespace spot::test
