// Evaluation: elementwise kernels on operands bound to blocks of larger matrices, whose
// columns (or row entries) are not contiguous. Products of such operands are tested in
// products.cpp.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(strided_operands_are_read_column_by_column) {
  // X bound to a block (outer stride 9), Y to a plain matrix, r to a strided row.
  constexpr auto Y = matrix<"Y">(dim<"m">, dim<"n">);
  constexpr auto r = var<"r", shape<unit_dim, dim_t<"n">>>{};
  constexpr auto s = scalar<"s">;
  const Eigen::MatrixXd big = gaussian(9, 7, 40).cwiseAbs();
  const Eigen::MatrixXd Yd = gaussian(5, 4, 41);
  const auto bs = bind(X = big.block(2, 1, 5, 4), Y = Yd, r = big.block(0, 3, 1, 4), s = 0.75);
  BOOST_TEST(!std::get<0>(bs.items).owns_copy());
  BOOST_TEST(!std::get<2>(bs.items).owns_copy());
  const Eigen::MatrixXd Xd = big.block(2, 1, 5, 4), rd = big.block(0, 3, 1, 4);
  const auto at = [](const Eigen::MatrixXd& m) { return m; };  // symgrad results as MatrixXd

  BOOST_TEST(max_rel(at(symgrad::eval(X % Y - s * X, bs)), entrywise([](double x, double y) { return x * y - 0.75 * x; }, Xd, Yd)) <= 1e-15);
  BOOST_TEST(max_rel(at(symgrad::eval(exp(X) + log(X) / Y, bs)),
                     entrywise([](double x, double y) { return std::exp(x) + std::log(x) / y; }, Xd, Yd)) <= 1e-14);
  BOOST_TEST(max_rel(at(symgrad::eval(-X, bs)), entrywise([](double x) { return -x; }, Xd)) == 0.0);
  BOOST_TEST(max_rel(at(symgrad::eval(sqrt(X), bs)), entrywise([](double x) { return std::sqrt(x); }, Xd)) == 0.0);
  BOOST_TEST(max_rel(at(symgrad::eval(transpose(X), bs)), Xd.transpose()) == 0.0);
  BOOST_TEST(rel(symgrad::eval(sum(X), bs), Xd.sum()) <= 1e-14);
  BOOST_TEST(rel(symgrad::eval(mean(X % Y), bs), entrywise([](double x, double y) { return x * y; }, Xd, Yd).mean()) <= 1e-14);
  // A row of 4 entries 9 apart.
  BOOST_TEST(max_rel(at(symgrad::eval(r % r + s, bs)), entrywise([](double x) { return x * x + 0.75; }, rd)) <= 1e-15);
  BOOST_TEST(rel(symgrad::eval(sum(sigmoid(r)), bs), entrywise([](double x) { return 1 / (1 + std::exp(-x)); }, rd).sum()) <= 1e-14);
  // Sums and products of more than two operands, strided or not.
  using sum4 = node<op::add, leaf_t<decltype(X)>, leaf_t<decltype(Y)>, leaf_t<decltype(s)>, leaf_t<decltype(X)>>;
  using prod3 = node<op::mul, leaf_t<decltype(Y)>, leaf_t<decltype(X)>, leaf_t<decltype(s)>>;
  BOOST_TEST(max_rel(at(symgrad::eval(sum4{}, bs)), entrywise([](double x, double y) { return x + y + x + 0.75; }, Xd, Yd)) <= 1e-15);
  BOOST_TEST(max_rel(at(symgrad::eval(prod3{}, bs)), entrywise([](double x, double y) { return y * x * 0.75; }, Xd, Yd)) <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
