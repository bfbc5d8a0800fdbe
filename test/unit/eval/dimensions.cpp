// Evaluation: sizes are checked against the bindings before any arithmetic.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "support.hpp"
#include "symgrad/value_and_grad.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(dimension_errors_name_variable_dimension_and_sizes) {
  const Eigen::MatrixXd Xd = gaussian(569, 30, 4);
  const Eigen::VectorXd w30 = gaussian(30, 1, 5).col(0);
  const Eigen::VectorXd w31 = gaussian(31, 1, 6).col(0);
  const Eigen::VectorXd y569 = labels(569, 7);
  const Eigen::VectorXd y568 = labels(568, 7);
  const Eigen::MatrixXd two_columns = gaussian(30, 2, 8);
  constexpr auto loss = bce(sigmoid(X * w + b), y);

  const auto before = eval_detail::subterm_evaluations;
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = w31, b = 0.0, y = y569)); }) ==
             "symgrad: dimension 'n': variable 'w' has 31 rows, but variable 'X', bound first, set n = 30 with its "
             "columns");
  // The first binding (in bind order) that has a dimension fixes its extent.
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(w = w31, X = Xd, b = 0.0, y = y569)); }) ==
             "symgrad: dimension 'n': variable 'X' has 30 columns, but variable 'w', bound first, set n = 31 with its "
             "rows");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = w30, b = 0.0, y = y568)); }) ==
             "symgrad: dimension 'm': variable 'y' has 568 rows, but variable 'X', bound first, set m = 569 with its "
             "rows");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = two_columns, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'w' has 2 columns but its shape is n x 1, so it must have 1 column");
  BOOST_TEST(dimension_message([&] { symgrad::eval(X * w, bind(X = Xd, w = gaussian(1, 1, 9))); }) ==
             "symgrad: dimension 'n': variable 'w' has 1 row, but variable 'X', bound first, set n = 30 with its columns");
  // Checked before any arithmetic.
  BOOST_TEST(eval_detail::subterm_evaluations == before);

  // It is a std::invalid_argument.
  BOOST_CHECK_THROW(symgrad::eval(loss, bind(X = Xd, w = w31, b = 0.0, y = y569)), std::invalid_argument);

  // Dimension names are shared by all the bindings, so an unused binding is checked too
  // (and an unused binding can supply an extent, see elementwise_kernels).
  BOOST_TEST(dimension_message([&] { symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y568)); }) ==
             "symgrad: dimension 'm': variable 'y' has 568 rows, but variable 'X', bound first, set m = 569 with its "
             "rows");
  BOOST_CHECK_NO_THROW(symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y569)));
}

// A conflict names both variables and their roles whichever is bound first: the one bound first
// sets the extent, the other is the one that contradicts it.
BOOST_AUTO_TEST_CASE(dimension_conflicts_name_both_variables_in_either_order) {
  const Eigen::MatrixXd X12 = gaussian(12, 3, 10);
  const Eigen::VectorXd y10 = labels(10, 11);
  const Eigen::VectorXd w3 = gaussian(3, 1, 12).col(0);
  constexpr auto loss = bce(sigmoid(X * w + b), y);

  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = X12, w = w3, b = 0.0, y = y10)); }) ==
             "symgrad: dimension 'm': variable 'y' has 10 rows, but variable 'X', bound first, set m = 12 with its rows");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(y = y10, w = w3, b = 0.0, X = X12)); }) ==
             "symgrad: dimension 'm': variable 'X' has 12 rows, but variable 'y', bound first, set m = 10 with its rows");
  // The same through value_and_grad, a compiled evaluator, and bindings rebound with with()
  // (a rebound variable keeps its place in the order).
  BOOST_TEST(dimension_message([&] { (void)value_and_grad(loss, wrt(w, b), bind(y = y10, X = X12, w = w3, b = 0.0)); }) ==
             "symgrad: dimension 'm': variable 'X' has 12 rows, but variable 'y', bound first, set m = 10 with its rows");
  auto step = value_and_grad(loss, wrt(w, b));
  BOOST_TEST(dimension_message([&] { (void)step(bind(X = X12, y = y10, w = w3, b = 0.0)); }) ==
             "symgrad: dimension 'm': variable 'y' has 10 rows, but variable 'X', bound first, set m = 12 with its rows");
  const Eigen::VectorXd y12 = labels(12, 13);
  const auto at = bind(X = X12, w = w3, b = 0.0, y = y12);
  BOOST_CHECK_NO_THROW(symgrad::eval(loss, at));
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, at.with(y = y10)); }) ==
             "symgrad: dimension 'm': variable 'y' has 10 rows, but variable 'X', bound first, set m = 12 with its rows");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, at.with(X = gaussian(10, 3, 14))); }) ==
             "symgrad: dimension 'm': variable 'y' has 12 rows, but variable 'X', bound first, set m = 10 with its rows");
}

// A variable whose rows and columns share a dimension contradicts itself: its rows, read first,
// set the extent.
BOOST_AUTO_TEST_CASE(a_square_variable_that_is_not_square) {
  constexpr auto A = matrix<"A">(dim<"n">, dim<"n">);
  const Eigen::MatrixXd wide = gaussian(3, 4, 15);
  BOOST_TEST(dimension_message([&] { symgrad::eval(sum(A), bind(A = wide)); }) ==
             "symgrad: dimension 'n': variable 'A' has 4 columns, but its rows, read first, set n = 3");
  const Eigen::VectorXd v4 = gaussian(4, 1, 16).col(0);
  BOOST_TEST(dimension_message([&] { symgrad::eval(sum(A * w), bind(w = v4, A = wide)); }) ==
             "symgrad: dimension 'n': variable 'A' has 3 rows, but variable 'w', bound first, set n = 4 with its rows");
}

BOOST_AUTO_TEST_SUITE_END()
