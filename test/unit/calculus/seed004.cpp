// The scalar examples of the seeds: values taken from the notebooks, not from symgrad.
#include <boost/test/unit_test.hpp>

#include <symgrad/symgrad.hpp>

namespace tt = boost::test_tools;
using namespace symgrad;

namespace {

constexpr auto a = scalar<"a">;
constexpr auto b = scalar<"b">;
constexpr auto c = scalar<"c">;
// Seed 004: f(a, b, c) = -a^3 + sin(3b) - 1/c + b^2.5 - a^0.5.
constexpr auto f = -pow(a, 3_c) + sin(3_c * b) - 1_c / c + pow(b, 2.5_c) - pow(a, 0.5_c);

}  // namespace

BOOST_AUTO_TEST_SUITE(seeds)

BOOST_AUTO_TEST_CASE(seed004_value_and_gradient) {
  const auto at = bind(a = 2.0, b = 3.0, c = 4.0);
  const auto [value, da, db, dc] = value_and_grad(f, wrt(a, b, c), at);
  BOOST_TEST(value == 6.336362190988558, tt::tolerance(1e-14));
  BOOST_TEST(da == -12.353553390593273, tt::tolerance(1e-14));
  BOOST_TEST(db == 10.25699027111255, tt::tolerance(1e-14));
  BOOST_TEST(dc == 0.0625, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(seed004_central_differences) {
  const auto at = bind(a = 2.0, b = 3.0, c = 4.0);
  BOOST_TEST(check_gradient(f, a, at).max_relative_error < 1e-8);
  BOOST_TEST(check_gradient(f, b, at).max_relative_error < 1e-8);
  BOOST_TEST(check_gradient(f, c, at).max_relative_error < 1e-8);
}

BOOST_AUTO_TEST_CASE(seed004_printed) {
  BOOST_TEST(to_string(grad(f, a)) == "-3 a^2 - 0.5 a^-0.5");
  BOOST_TEST(to_string(grad(f, b)) == "3 cos(3 b) + 2.5 b^1.5");
  BOOST_TEST(to_string(grad(f, c)) == "c^-2");
}

// Seed 001: d/dx (x0^2 + x1^3 + 1) at (2, 3) is (4, 27).
BOOST_AUTO_TEST_CASE(seed001_polynomial) {
  constexpr auto x0 = scalar<"x0">;
  constexpr auto x1 = scalar<"x1">;
  constexpr auto g = pow(x0, 2_c) + pow(x1, 3_c) + 1_c;
  const auto [value, d0, d1] = value_and_grad(g, wrt(x0, x1), bind(x0 = 2.0, x1 = 3.0));
  BOOST_TEST(value == 32.0);
  BOOST_TEST(d0 == 4.0);
  BOOST_TEST(d1 == 27.0);
}

// Seed 002: d/dx sum(x^2 + 2x) = 2x + 2.
BOOST_AUTO_TEST_CASE(seed002_sum_of_quadratics) {
  constexpr auto x = vector<"x">(dim<"n">);
  const Eigen::VectorXd x0 = Eigen::VectorXd::LinSpaced(7, -3.0, 3.0);
  const Eigen::VectorXd g = symgrad::eval(grad(sum(pow(x, 2_c) + 2_c * x), x), bind(x = x0));
  const Eigen::VectorXd expected = 2.0 * x0.array() + 2.0;
  BOOST_TEST(g.size() == 7);
  for (Eigen::Index i = 0; i < g.size(); ++i) BOOST_TEST(g(i) == expected(i), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
