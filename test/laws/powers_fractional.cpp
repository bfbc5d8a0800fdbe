// pow with fractional exponents and sqrt: positive points only.
#include "functions.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_powers)

BOOST_AUTO_TEST_CASE(sqrt_law) {
  function_law(
      "sum(w % sqrt(x))", [](auto x) { return sqrt(x); }, [](auto x, auto w) { return w / (2_c * sqrt(x)); },
      [](const adouble& u) -> adouble { return sqrt(u); }, domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(power_one_half) {
  function_law(
      "sum(w % pow(x, 0.5))", [](auto x) { return pow(x, 0.5_c); },
      [](auto x, auto w) { return 0.5_c * w % pow(x, -0.5_c); }, [](const adouble& u) -> adouble { return sqrt(u); },
      domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(power_three_halves) {
  function_law(
      "sum(w % pow(x, 1.5))", [](auto x) { return pow(x, 1.5_c); },
      [](auto x, auto w) { return w % (1.5_c * sqrt(x)); }, [](const adouble& u) -> adouble { return u * sqrt(u); },
      domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(power_minus_one_half) {
  function_law(
      "sum(w % pow(x, -0.5))", [](auto x) { return pow(x, -0.5_c); },
      [](auto x, auto w) { return -(w / (2_c * x % sqrt(x))); },
      [](const adouble& u) -> adouble { return 1.0 / sqrt(u); }, domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(power_five_halves) {
  function_law(
      "sum(w % pow(x, 2.5))", [](auto x) { return pow(x, 2.5_c); },
      [](auto x, auto w) { return w % (2.5_c * pow(x, 1.5_c)); },
      [](const adouble& u) -> adouble { return u * u * sqrt(u); }, domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(power_minus_three_halves) {
  function_law(
      "sum(w % pow(x, -1.5))", [](auto x) { return pow(x, -1.5_c); },
      [](auto x, auto w) { return -1.5_c * w / (x % x % sqrt(x)); },
      [](const adouble& u) -> adouble { return 1.0 / (u * sqrt(u)); }, domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_SUITE_END()
