// pow with integer exponents, positive and negative.
#include "functions.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_powers)

BOOST_AUTO_TEST_CASE(square) {
  function_law(
      "sum(w % pow(x, 2))", [](auto x) { return pow(x, 2_c); }, [](auto x, auto w) { return w % (2_c * x); },
      [](const adouble& u) { return ad::ipow(u, 2); }, domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(cube) {
  function_law(
      "sum(w % pow(x, 3))", [](auto x) { return pow(x, 3_c); },
      [](auto x, auto w) { return w % (3_c * pow(x, 2_c)); }, [](const adouble& u) { return ad::ipow(u, 3); },
      domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(fourth_power) {
  function_law(
      "sum(w % pow(x, 4))", [](auto x) { return pow(x, 4_c); },
      [](auto x, auto w) { return w % (4_c * pow(x, 3_c)); }, [](const adouble& u) { return ad::ipow(u, 4); },
      domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(reciprocal) {
  function_law(
      "sum(w % pow(x, -1))", [](auto x) { return pow(x, -1_c); }, [](auto x, auto w) { return -(w / pow(x, 2_c)); },
      [](const adouble& u) { return ad::ipow(u, -1); }, domain::nonzero, grid_in(domain::nonzero));
}

BOOST_AUTO_TEST_CASE(inverse_square) {
  function_law(
      "sum(w % pow(x, -2))", [](auto x) { return pow(x, -2_c); },
      [](auto x, auto w) { return w % (-2_c * pow(x, -3_c)); }, [](const adouble& u) { return ad::ipow(u, -2); },
      domain::nonzero, grid_in(domain::nonzero));
}

BOOST_AUTO_TEST_CASE(inverse_cube) {
  function_law(
      "sum(w % pow(x, -3))", [](auto x) { return pow(x, -3_c); },
      [](auto x, auto w) { return -(3_c * w) / pow(x, 4_c); }, [](const adouble& u) { return ad::ipow(u, -3); },
      domain::nonzero, grid_in(domain::nonzero));
}

BOOST_AUTO_TEST_SUITE_END()
