#pragma once
// What the law tests checked, summed over every translation unit of test_laws and printed by
// main.cpp when the run ends (BOOST_TEST_MESSAGE: run with --log_level=message to see it).
// Kept free of symgrad and ADOL-C so that main.cpp stays cheap to compile.
#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace laws {

struct tally {
  std::set<std::string> laws;        // distinct laws (an op in one form, e.g. "A / r")
  std::size_t random_points = 0;     // bindings of all variables drawn at random
  std::size_t edge_points = 0;       // bindings taken from the edge grid
  std::size_t gradients = 0;         // (point, variable) pairs: one gradient of one variable
  std::size_t entries = 0;           // gradient entries compared (each against every reference below)
  std::size_t fd = 0;                // entries compared with central differences
  std::size_t fd_skipped = 0;        // entries where the stencil would leave the domain or cross a kink
  std::size_t fd_noise_limited = 0;  // entries where the rounding floor of the difference exceeded 1e-6 relative
  std::size_t fd_noise_limited_random = 0;  // those of them at random points
  std::size_t adolc = 0;             // entries compared with ADOL-C
  std::size_t long_double = 0;       // entries compared with a long double reference (ADOL-C not finite)
  std::size_t by_hand = 0;           // entries compared with the derivative written by hand
  std::size_t overflow = 0;          // entries whose expected value is an infinity (stated, compared exactly)
  std::map<std::string, std::size_t> known;  // comparisons failed by a known deviation, by its id
};

inline tally& totals() {
  static tally t;
  return t;
}

}  // namespace laws
