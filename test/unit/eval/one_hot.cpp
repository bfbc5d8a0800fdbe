// one_hot(labels, k): class labels as one-hot rows, every label checked.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "support.hpp"
#include "symgrad/eval/one_hot.hpp"

using namespace symgrad;

namespace {

template <class F>
std::string value_message(F f) {
  try {
    f();
  } catch (const value_error& e) {
    return e.what();
  }
  return "(no value_error)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(one_hot_labels)

BOOST_AUTO_TEST_CASE(rows_are_one_at_the_label) {
  Eigen::VectorXi labels(5);
  labels << 2, 0, 1, 2, 3;
  const Eigen::MatrixXd y = one_hot(labels, 4);
  Eigen::MatrixXd want(5, 4);
  want << 0, 0, 1, 0,
          1, 0, 0, 0,
          0, 1, 0, 0,
          0, 0, 1, 0,
          0, 0, 0, 1;
  BOOST_TEST(y.rows() == 5);
  BOOST_TEST(y.cols() == 4);
  BOOST_TEST((y == want));
  // Doubles holding whole numbers (as read from a CSV), a row vector, other integer types and a
  // column of a table give the same rows; a class no label names is a column of zeros.
  BOOST_TEST((one_hot(labels.cast<double>(), 4) == want));
  BOOST_TEST((one_hot(Eigen::RowVectorXi(labels.transpose()), 4) == want));
  BOOST_TEST((one_hot(labels.cast<std::uint8_t>(), 4) == want));
  BOOST_TEST((one_hot(labels.cast<long>().array(), 4) == want));
  Eigen::MatrixXd table = Eigen::MatrixXd::Zero(5, 3);
  table.col(2) = labels.cast<double>();
  BOOST_TEST((one_hot(table.col(2), 4) == want));
  const Eigen::MatrixXd wider = one_hot(labels, 6);
  BOOST_TEST((wider.leftCols(4) == want));
  BOOST_TEST(wider.rightCols(2).isZero(0));
  BOOST_TEST(one_hot(Eigen::VectorXi(0), 3).rows() == 0);
}

BOOST_AUTO_TEST_CASE(usable_as_sums_to_one_labels) {
  constexpr auto Z = matrix<"Z">(dim<"m">, dim<"k">);
  constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, dim<"k">);
  Eigen::VectorXi labels(3);
  labels << 1, 0, 2;
  const Eigen::MatrixXd Zd = eval_test::gaussian(3, 3, 1);
  const Eigen::MatrixXd Yd = one_hot(labels, 3);
  // cross_entropy with one-hot rows picks each row's log-probability at its label.
  const Eigen::MatrixXd P = (Zd.array().exp().colwise() / Zd.array().exp().rowwise().sum()).matrix();
  const double want = -(std::log(P(0, 1)) + std::log(P(1, 0)) + std::log(P(2, 2))) / 3;
  BOOST_TEST(symgrad::eval(cross_entropy(softmax(Z), Y), bind(Z = Zd, Y = Yd)) == want,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_label_that_is_not_a_class_is_named_with_its_row) {
  Eigen::VectorXi labels(4);
  labels << 0, 1, 4, 2;
  BOOST_TEST(value_message([&] { one_hot(labels, 4); }) ==
             "symgrad: one_hot: the label in row 2 is 4, outside the k = 4 classes 0 to 3");
  labels(2) = -1;
  BOOST_TEST(value_message([&] { one_hot(labels, 4); }) ==
             "symgrad: one_hot: the label in row 2 is -1, outside the k = 4 classes 0 to 3");
  // The first bad row is named.
  labels << 0, 7, 9, 2;
  BOOST_TEST(value_message([&] { one_hot(labels, 4); }) ==
             "symgrad: one_hot: the label in row 1 is 7, outside the k = 4 classes 0 to 3");
  Eigen::Matrix<std::uint64_t, Eigen::Dynamic, 1> big(2);
  big << 1, std::numeric_limits<std::uint64_t>::max();
  BOOST_TEST(value_message([&] { one_hot(big, 2); }) ==
             "symgrad: one_hot: the label in row 1 is 18446744073709551615, outside the k = 2 classes 0 to 1");
  // A value_error is a std::domain_error.
  BOOST_CHECK_THROW(one_hot(labels, 4), std::domain_error);
}

BOOST_AUTO_TEST_CASE(a_double_label_must_be_a_whole_class) {
  Eigen::VectorXd labels(3);
  labels << 1, 2.5, 0;
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) ==
             "symgrad: one_hot: the label in row 1 is 2.5, not a whole number");
  // Printed exactly: 2.0000001 is not shown as 2.
  labels(1) = 2.0000001;
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) ==
             "symgrad: one_hot: the label in row 1 is 2.0000001, not a whole number");
  labels(1) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) == "symgrad: one_hot: the label in row 1 is nan, not a whole number");
  labels(1) = 3;
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) ==
             "symgrad: one_hot: the label in row 1 is 3, outside the k = 3 classes 0 to 2");
  // Too large for an index: refused before any conversion.
  labels(1) = 1e300;
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) ==
             "symgrad: one_hot: the label in row 1 is 1e+300, outside the k = 3 classes 0 to 2");
  labels(1) = -std::numeric_limits<double>::infinity();
  BOOST_TEST(value_message([&] { one_hot(labels, 3); }) ==
             "symgrad: one_hot: the label in row 1 is -inf, outside the k = 3 classes 0 to 2");
}

BOOST_AUTO_TEST_CASE(no_classes_is_a_dimension_error) {
  const Eigen::VectorXi labels = Eigen::VectorXi::Zero(2);
  try {
    one_hot(labels, 0);
    BOOST_FAIL("expected a dimension_error");
  } catch (const dimension_error& e) {
    BOOST_TEST(std::string(e.what()) == "symgrad: one_hot: k is 0, but there must be at least 1 class");
  }
}

BOOST_AUTO_TEST_SUITE_END()
