// sigmoid, softplus, relu and step.
#include "functions.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_functions)

BOOST_AUTO_TEST_CASE(sigmoid_law) {
  function_law(
      "sum(w % sigmoid(x))", [](auto x) { return sigmoid(x); },
      [](auto x, auto w) { return w % sigmoid(x) % (1_c - sigmoid(x)); },
      [](const adouble& u) { return ad::sigmoid(u); }, domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(softplus_law) {
  function_law(
      "sum(w % softplus(x))", [](auto x) { return softplus(x); }, [](auto x, auto w) { return w % sigmoid(x); },
      [](const adouble& u) { return ad::softplus(u); }, domain::real, grid_in(domain::real));
}

// relu and step: differences skip |x| < 1e-3; ADOL-C and the derivative by hand are compared
// everywhere, 0 included, on the one-sided definition step(0) = 0 that both follow.
BOOST_AUTO_TEST_CASE(relu_law) {
  function_law(
      "sum(w % relu(x))", [](auto x) { return relu(x); }, [](auto x, auto w) { return w % step(x); },
      [](const adouble& u) { return ad::relu(u); }, domain::kink, grid_in(domain::kink));
}

BOOST_AUTO_TEST_CASE(step_law) {
  function_law(
      "sum(w % step(x))", [](auto x) { return step(x); }, [](auto, auto w) { return 0_c * w; },
      [](const adouble& u) { return ad::step(u); }, domain::kink, grid_in(domain::kink));
}

BOOST_AUTO_TEST_SUITE_END()
