// abs, sign, max and min with a constant, clip and the Huber function: piecewise functions
// whose kinks follow step's convention (the derivative at a kink is the one-sided value that
// step(0) = 0 gives). Central differences skip |x| < 1e-3 for a kink at 0; ADOL-C and the
// derivative by hand are compared everywhere, 0 included.
#include "functions.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_functions)

BOOST_AUTO_TEST_CASE(abs_law) {
  function_law(
      "sum(w % abs(x))", [](auto x) { return abs(x); }, [](auto x, auto w) { return w % sign(x); },
      [](const adouble& u) { return ad::abs(u); }, domain::kink, grid_in(domain::kink));
}

BOOST_AUTO_TEST_CASE(sign_law) {
  function_law(
      "sum(w % sign(x))", [](auto x) { return sign(x); }, [](auto, auto w) { return 0_c * w; },
      [](const adouble& u) { return ad::sign(u); }, domain::kink, grid_in(domain::kink));
}

// max(x, 0) is relu(x) and has its derivative; min(x, 0) = x - relu(x).
BOOST_AUTO_TEST_CASE(max_with_constant_law) {
  function_law(
      "sum(w % max(x, 0))", [](auto x) { return maximum(x, 0_c); }, [](auto x, auto w) { return w % step(x); },
      [](const adouble& u) { return ad::maximum(u, 0.0); }, domain::kink, grid_in(domain::kink));
}

BOOST_AUTO_TEST_CASE(min_with_constant_law) {
  function_law(
      "sum(w % min(x, 0))", [](auto x) { return minimum(x, 0_c); }, [](auto x, auto w) { return w % step(-x); },
      [](const adouble& u) { return ad::minimum(u, 0.0); }, domain::kink, grid_in(domain::kink));
}

// Kinks at +-0.5, 0.01 from the grid's 0.49: the difference stencil (+-2^-9) stays on one side.
BOOST_AUTO_TEST_CASE(clip_law) {
  function_law(
      "sum(w % clip(x, -0.5, 0.5))", [](auto x) { return clip(x, -0.5_c, 0.5_c); },
      [](auto x, auto w) { return w % step(x + 0.5_c) % step(0.5_c - x); },
      [](const adouble& u) { return ad::minimum(ad::maximum(u, -0.5), 0.5); }, domain::real, grid_in(domain::real));
}

// Continuously differentiable: its derivative is clip(x, -1, 1), x inside and +-1 beyond.
BOOST_AUTO_TEST_CASE(huber_law) {
  function_law(
      "sum(w % huber(x, 1))", [](auto x) { return huber(x, 1_c); },
      [](auto x, auto w) { return w % clip(x, -1_c, 1_c); },
      [](const adouble& u) -> adouble { return std::abs(u.getValue()) <= 1 ? 0.5 * u * u : ad::abs(u) - 0.5; },
      domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_SUITE_END()
