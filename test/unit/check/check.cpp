#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <Eigen/Core>

#include "symgrad/check/gradient_check.hpp"
#include "symgrad/expr/build.hpp"

using namespace symgrad;

namespace {

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> d;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = d(gen);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(check)

BOOST_AUTO_TEST_CASE(relative_error_is_symmetric_and_scaled) {
  BOOST_TEST(relative_error(0.0, 0.0) == 0.0);  // the rule for two exact zeros
  BOOST_TEST(relative_error(1.5, 1.5) == 0.0);
  BOOST_TEST(relative_error(1.0, -1.0) == 1.0);
  BOOST_TEST(relative_error(1e-20, 0.0) == 1.0);
  BOOST_TEST(relative_error(2.0, 1.0) == 1.0 / 3.0);
  BOOST_TEST(relative_error(1.0, 2.0) == relative_error(2.0, 1.0));
  BOOST_TEST(relative_error(-4.0, -5.0) == 1.0 / 9.0);
  BOOST_TEST(std::isnan(relative_error(std::numeric_limits<double>::quiet_NaN(), 1.0)));
}

BOOST_AUTO_TEST_CASE(correct_gradient_of_sum_of_squares) {
  constexpr auto x = vector<"x">(dim<"n">);
  const Eigen::VectorXd xd = gaussian(8, 1, 1).col(0);
  const auto bs = bind(x = xd);

  const auto r = check_gradient_against(sum(x % x), x, 2_c * x, bs);
  BOOST_TEST(r.entries == 8u);
  BOOST_TEST(r.max_relative_error <= 1e-8);
  BOOST_TEST(r.worst_index >= 0);
  BOOST_TEST(r.worst_index < 8);
  BOOST_TEST(r.analytic == 2.0 * xd(r.worst_index));
  BOOST_TEST(std::abs(r.numeric - r.analytic) <= 1e-6);
  // The caller's data is left as it was.
  BOOST_TEST(((x = xd).value().data() == xd.data()));
}

BOOST_AUTO_TEST_CASE(wrong_gradient_is_reported) {
  constexpr auto x = vector<"x">(dim<"n">);
  Eigen::VectorXd xd(3);
  xd << 1.0, -2.0, 0.5;
  const auto r = check_gradient_against(sum(x % x), x, 3_c * x, bind(x = xd));
  // 3x against 2x: |3 - 2| / (3 + 2) in every entry; the first of equals is kept.
  BOOST_TEST(r.entries == 3u);
  BOOST_TEST(std::abs(r.max_relative_error - 0.2) <= 1e-8);
  BOOST_TEST(r.analytic == 3.0 * xd(r.worst_index));
  BOOST_TEST(std::abs(r.numeric - 2.0 * xd(r.worst_index)) <= 1e-6);

  // Only the middle entry is wrong (the extra term vanishes at x = 1 and x = 0.5).
  const auto one = check_gradient_against(sum(x % x), x, 2_c * x + (x - 1_c) % (x - 0.5_c), bind(x = xd));
  BOOST_TEST(one.worst_index == 1);
  BOOST_TEST(one.analytic == 3.5);
  BOOST_TEST(std::abs(one.numeric + 4.0) <= 1e-6);
  BOOST_TEST(std::abs(one.max_relative_error - 7.5 / 7.5) <= 1e-6);
}

BOOST_AUTO_TEST_CASE(logistic_regression_gradients) {
  constexpr auto X = matrix<"X">(dim<"m">, dim<"n">);
  constexpr auto w = vector<"w">(dim<"n">);
  constexpr auto y = vector<"y">(dim<"m">);
  constexpr auto b = scalar<"b">;
  const Eigen::MatrixXd Xd = gaussian(40, 5, 2);
  const Eigen::VectorXd wd = 0.5 * gaussian(5, 1, 3).col(0);
  Eigen::VectorXd yd(40);
  for (Eigen::Index i = 0; i < 40; ++i) yd(i) = (i * 7) % 3 == 0 ? 1.0 : 0.0;
  const auto bs = bind(X = Xd, w = wd, b = -0.2, y = yd);

  constexpr auto loss = bce(sigmoid(X * w + b), y);
  constexpr auto residual = sigmoid(X * w + b) - y;

  const auto gw = check_gradient_against(loss, w, transpose(X) * residual / dim<"m">, bs);
  BOOST_TEST(gw.entries == 5u);
  BOOST_TEST(gw.max_relative_error <= 1e-7);

  const auto gb = check_gradient_against(loss, b, mean(residual), bs);  // a scalar variable
  BOOST_TEST(gb.entries == 1u);
  BOOST_TEST(gb.worst_index == 0);
  BOOST_TEST(gb.max_relative_error <= 1e-7);

  // With respect to the data matrix: d loss / dX = residual w^T / m.
  const auto gX = check_gradient_against(loss, X, residual * transpose(w) / dim<"m">, bs);
  BOOST_TEST(gX.entries == 200u);
  BOOST_TEST(gX.max_relative_error <= 1e-6);
}

BOOST_AUTO_TEST_CASE(constant_and_zero_gradients) {
  constexpr auto x = vector<"x">(dim<"n">);
  constexpr auto s = scalar<"s">;
  const Eigen::VectorXd xd = gaussian(4, 1, 4).col(0);
  const auto bs = bind(x = xd, s = 1.5);

  // A scalar gradient expression stands for every entry (a simplified constant gradient).
  const auto r = check_gradient_against(3_c * sum(x), x, 3_c, bs);
  BOOST_TEST(r.entries == 4u);
  BOOST_TEST(r.max_relative_error <= 1e-8);

  // f does not depend on x: both sides are exactly 0, which the rule counts as agreement.
  const auto z = check_gradient_against(s * s, x, zeros<shape<dim_t<"n">, unit_dim>>{}, bs);
  BOOST_TEST(z.entries == 4u);
  BOOST_TEST(z.max_relative_error == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
