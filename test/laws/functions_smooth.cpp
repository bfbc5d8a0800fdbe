// exp, log, sin, cos, tanh, log1p, expm1, erf and unary minus.
#include "functions.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_functions)

BOOST_AUTO_TEST_CASE(exp_law) {
  // exp(800) overflows; the grid without it here, the overflow in exp_overflows_at_800.
  std::vector<double> edge = grid_in(domain::real);
  edge.erase(std::find(edge.begin(), edge.end(), 800.0));
  function_law(
      "sum(w % exp(x))", [](auto x) { return exp(x); }, [](auto x, auto w) { return w % exp(x); },
      [](const adouble& u) -> adouble { return exp(u); }, domain::real, edge);
}

// At x = 800, exp(x) and its derivative exp(x) are beyond the largest double: the value and
// that gradient entry are infinities with the sign of w (here -inf), as IEEE arithmetic says,
// and the other entries stay finite and right. ADOL-C says the same.
BOOST_AUTO_TEST_CASE(exp_overflows_at_800) {
  Eigen::VectorXd xv(3), wv(3);
  xv << 800, 1, -3;
  wv << -0.5, -1.5, 2;
  const auto at = bind(fn_x = xv, fn_w = wv);
  const double value = eval(sum(fn_w % exp(fn_x)), at);
  const Eigen::VectorXd g = eval(grad(sum(fn_w % exp(fn_x)), fn_x), at);
  double ga[3], fa;
  trace_on(adolc_tag);
  adouble xa[3], s = 0.0;
  for (int i = 0; i < 3; ++i) {
    xa[i] <<= xv(i);
    s += wv(i) * exp(xa[i]);
  }
  s >>= fa;
  trace_off();
  BOOST_TEST_REQUIRE(gradient(adolc_tag, 3, xv.data(), ga) >= 0);
  BOOST_TEST(value == -std::numeric_limits<double>::infinity());
  BOOST_TEST(fa == value);
  BOOST_TEST(g(0) == -std::numeric_limits<double>::infinity());
  BOOST_TEST(ga[0] == g(0));
  for (int i = 1; i < 3; ++i) BOOST_TEST(std::abs(g(i) - ga[i]) <= adolc_rtol * std::abs(ga[i]));
  tally& t = totals();
  t.laws.insert("sum(w % exp(x))");
  ++t.edge_points;
  ++t.gradients;
  t.entries += 3;
  t.adolc += 2;
  t.overflow += 1;
}

BOOST_AUTO_TEST_CASE(log_law) {
  function_law(
      "sum(w % log(x))", [](auto x) { return log(x); }, [](auto x, auto w) { return w / x; },
      [](const adouble& u) -> adouble { return log(u); }, domain::positive, grid_in(domain::positive));
}

BOOST_AUTO_TEST_CASE(sin_law) {
  function_law(
      "sum(w % sin(x))", [](auto x) { return sin(x); }, [](auto x, auto w) { return w % cos(x); },
      [](const adouble& u) -> adouble { return sin(u); }, domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(cos_law) {
  function_law(
      "sum(w % cos(x))", [](auto x) { return cos(x); }, [](auto x, auto w) { return -(w % sin(x)); },
      [](const adouble& u) -> adouble { return cos(u); }, domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(tanh_law) {
  function_law(
      "sum(w % tanh(x))", [](auto x) { return tanh(x); },
      [](auto x, auto w) { return w % (1_c - pow(tanh(x), 2_c)); }, [](const adouble& u) { return ad::tanh(u); },
      domain::real, grid_in(domain::real));
}

BOOST_AUTO_TEST_CASE(negation_law) {
  function_law(
      "sum(w % -x)", [](auto x) { return -x; }, [](auto, auto w) { return -w; },
      [](const adouble& u) -> adouble { return -u; }, domain::real, grid_in(domain::real));
}

// log1p is defined above -1; the positive domain has the grid's 1e-10, where log(1 + x)
// would lose all but 6 digits.
BOOST_AUTO_TEST_CASE(log1p_law) {
  function_law(
      "sum(w % log1p(x))", [](auto x) { return log1p(x); }, [](auto x, auto w) { return w / (1_c + x); },
      [](const adouble& u) { return ad::log1p(u); }, domain::positive, grid_in(domain::positive));
}

// erf's derivative carries the symbol pi: 2 exp(-x^2) / pi^(1/2); it underflows to 0 at +-40.
BOOST_AUTO_TEST_CASE(erf_law) {
  function_law(
      "sum(w % erf(x))", [](auto x) { return erf(x); },
      [](auto x, auto w) { return w % (2_c * pow(pi, -0.5_c) * exp(-pow(x, 2_c))); },
      [](const adouble& u) -> adouble { return erf(u); }, domain::real, grid_in(domain::real));
}

// expm1(800) overflows, as exp(800) does (exp_overflows_at_800).
BOOST_AUTO_TEST_CASE(expm1_law) {
  std::vector<double> edge = grid_in(domain::real);
  edge.erase(std::find(edge.begin(), edge.end(), 800.0));
  function_law(
      "sum(w % expm1(x))", [](auto x) { return expm1(x); }, [](auto x, auto w) { return w % exp(x); },
      [](const adouble& u) { return ad::expm1(u); }, domain::real, edge);
}

BOOST_AUTO_TEST_SUITE_END()
