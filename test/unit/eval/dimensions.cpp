// Evaluation: sizes are checked against the bindings before any arithmetic.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "support.hpp"

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
             "symgrad: variable 'w' has 31 rows but dimension 'n' is 30 (from variable 'X')");
  // The first binding (in bind order) that has a dimension fixes its extent.
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(w = w31, X = Xd, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'X' has 30 columns but dimension 'n' is 31 (from variable 'w')");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = w30, b = 0.0, y = y568)); }) ==
             "symgrad: variable 'y' has 568 rows but dimension 'm' is 569 (from variable 'X')");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = two_columns, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'w' has 2 columns but its shape is n x 1, so it must have 1 column");
  BOOST_TEST(dimension_message([&] { symgrad::eval(X * w, bind(X = Xd, w = gaussian(1, 1, 9))); }) ==
             "symgrad: variable 'w' has 1 row but dimension 'n' is 30 (from variable 'X')");
  // Checked before any arithmetic.
  BOOST_TEST(eval_detail::subterm_evaluations == before);

  // It is a std::invalid_argument.
  BOOST_CHECK_THROW(symgrad::eval(loss, bind(X = Xd, w = w31, b = 0.0, y = y569)), std::invalid_argument);

  // Dimension names are shared by all the bindings, so an unused binding is checked too
  // (and an unused binding can supply an extent, see elementwise_kernels).
  BOOST_TEST(dimension_message([&] { symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y568)); }) ==
             "symgrad: variable 'y' has 568 rows but dimension 'm' is 569 (from variable 'X')");
  BOOST_CHECK_NO_THROW(symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y569)));
}

BOOST_AUTO_TEST_SUITE_END()
