// Evaluation: a binding owns an rvalue plain object, so `X = make_data()` cannot dangle.
// Needs var::operator= to take a forwarding reference (expr/nodes.hpp).
#include <boost/test/unit_test.hpp>

#include <utility>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(rvalue_plain_objects_are_moved_into_the_binding) {
  const Eigen::MatrixXd Xd = gaussian(6, 4, 50);
  const Eigen::VectorXd wd = gaussian(4, 1, 51).col(0);

  // A moved MatrixXd: the binding takes its storage, no coefficient is copied.
  Eigen::MatrixXd moved = Xd;
  const double* storage = moved.data();
  const auto bx = (X = std::move(moved));
  BOOST_TEST(bx.owns_copy());
  BOOST_TEST(bx.value().data() == storage);
  BOOST_TEST(moved.size() == 0);

  // Temporaries returned by functions: owned, and still there after the statement.
  const auto bs = bind(X = gaussian(6, 4, 50), w = Eigen::VectorXd(gaussian(4, 1, 51).col(0)));
  BOOST_TEST(std::get<0>(bs.items).owns_copy());
  BOOST_TEST(std::get<1>(bs.items).owns_copy());
  BOOST_TEST((symgrad::eval(X * w, bs) == Xd * wd));

  // Copies of the bindings share the owned storage.
  const auto copy = bs;
  BOOST_TEST(std::get<0>(copy.items).value().data() == std::get<0>(bs.items).value().data());

  // Other plain types are copied once into the binding; lvalues stay referenced.
  const Eigen::RowVectorXd row = wd.transpose();
  constexpr auto r = var<"r", shape<unit_dim, dim_t<"n">>>{};
  const auto br = (r = Eigen::RowVectorXd(row));
  BOOST_TEST(br.owns_copy());
  BOOST_TEST((symgrad::eval(r, bind(br)) == Eigen::MatrixXd(row)));
  const Eigen::Matrix<double, 4, 1> fixed = wd;
  BOOST_TEST((w = Eigen::Matrix<double, 4, 1>(fixed)).owns_copy());
  BOOST_TEST(!(w = fixed).owns_copy());
  BOOST_TEST(!(X = Xd).owns_copy());
  BOOST_TEST((X = Xd).value().data() == Xd.data());
  const Eigen::MatrixXd const_source = Xd;
  BOOST_TEST((X = std::move(const_source)).owns_copy());  // a const rvalue: copied
  BOOST_TEST(const_source.size() == Xd.size());
  // A view of an lvalue, even as a temporary, still references its matrix.
  BOOST_TEST(!(X = Xd.block(0, 0, 3, 2)).owns_copy());
}

BOOST_AUTO_TEST_SUITE_END()
