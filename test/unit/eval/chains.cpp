// Evaluation: matrix-matrix products, and chains of three or more factors in the cheapest
// order (the kernels that instantiate Eigen's GEMM).
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(matrix_chains_take_the_cheapest_order) {
  // X^T X w with X 569 x 30: X^T (X w) needs 34140 multiply-adds, (X^T X) w 513000.
  const auto split = eval_detail::matmul_order<3>({30, 569, 30, 1});
  BOOST_TEST(split[0 * 3 + 2] == 0u);  // X^T * (X w)
  const auto left = eval_detail::matmul_order<3>({1, 569, 30, 30});
  BOOST_TEST(left[0 * 3 + 2] == 1u);  // (w^T X^T) X

  const Eigen::MatrixXd Xd = gaussian(569, 30, 12);
  const Eigen::VectorXd wd = gaussian(30, 1, 13).col(0);
  const auto bs = bind(X = Xd, w = wd);
  using chain3 = node<op::matmul, node<op::transpose, leaf_t<decltype(X)>>, leaf_t<decltype(X)>, leaf_t<decltype(w)>>;
  const Eigen::VectorXd r = symgrad::eval(chain3{}, bs);
  BOOST_TEST(max_rel(r, product(Xd.transpose(), product(Xd, wd))) <= 1e-12);

  // A four-factor chain with mixed transposes against the left-to-right product.
  constexpr auto A = matrix<"A">(dim<"p">, dim<"q">);
  constexpr auto B = matrix<"B">(dim<"r">, dim<"q">);
  constexpr auto C = matrix<"C">(dim<"r">, dim<"s">);
  constexpr auto v = vector<"v">(dim<"s">);
  const Eigen::MatrixXd Ad = gaussian(5, 40, 14), Bd = gaussian(3, 40, 15), Cd = gaussian(3, 60, 16);
  const Eigen::VectorXd vd = gaussian(60, 1, 17).col(0);
  using chain4 = node<op::matmul, leaf_t<decltype(A)>, node<op::transpose, leaf_t<decltype(B)>>, leaf_t<decltype(C)>, leaf_t<decltype(v)>>;
  const Eigen::VectorXd r4 = symgrad::eval(chain4{}, bind(A = Ad, B = Bd, C = Cd, v = vd));
  BOOST_TEST(max_rel(r4, product(product(product(Ad, Bd.transpose()), Cd), vd)) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(matrix_matrix_products_with_every_transposition) {
  const product_data d;
  const auto bs = bind(A = d.Ad(), B = d.Bd);  // A strided
  const Eigen::MatrixXd Ad = d.Ad();
  // matrix times matrix, with every transposition
  BOOST_TEST(max_rel(symgrad::eval(mm<A_t, T_t<B_t>>{}, bs), product(Ad, d.Bd.transpose())) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<T_t<A_t>, B_t>{}, bs), product(Ad.transpose(), d.Bd)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<T_t<B_t>, A_t>{}, bs), product(d.Bd.transpose(), Ad)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<T_t<A_t>, T_t<T_t<B_t>>>{}, bs), product(Ad.transpose(), d.Bd)) <= 1e-14);
}

BOOST_AUTO_TEST_SUITE_END()
