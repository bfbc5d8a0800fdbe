// Evaluation: matrix products whose kernels are matrix-vector (or dot, or outer) products,
// with scalar factors. Matrix-matrix products and chains are in chains.cpp.
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(two_factor_products_pick_their_kernel_statically) {
  const product_data d;
  const auto bs = bind(A = d.Ad(), B = d.Bd, u = d.ud, v = d.vd, s = d.sd, r = d.rd());
  BOOST_TEST(!std::get<0>(bs.items).owns_copy());  // the blocks are read in place
  BOOST_TEST(!std::get<5>(bs.items).owns_copy());
  const Eigen::MatrixXd Ad = d.Ad();
  const Eigen::MatrixXd rd = d.rd();

  // dot: row times column, the row strided
  BOOST_TEST(rel(symgrad::eval(mm<r_t, v_t>{}, bs), product(rd, d.vd)(0, 0)) <= 1e-14);
  BOOST_TEST(rel(symgrad::eval(mm<T_t<v_t>, v_t>{}, bs), product(d.vd.transpose(), d.vd)(0, 0)) <= 1e-14);
  // matrix times column, the matrix strided or transposed
  BOOST_TEST(max_rel(symgrad::eval(mm<A_t, v_t>{}, bs), product(Ad, d.vd)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<T_t<A_t>, u_t>{}, bs), product(Ad.transpose(), d.ud)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<A_t, T_t<r_t>>{}, bs), product(Ad, rd.transpose())) <= 1e-14);
  // row times matrix
  const Eigen::MatrixXd ra = symgrad::eval(mm<r_t, T_t<B_t>>{}, bs);
  BOOST_TEST(ra.rows() == 1);
  BOOST_TEST(max_rel(ra, product(rd, d.Bd.transpose())) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<T_t<u_t>, B_t>{}, bs), product(d.ud.transpose(), d.Bd)) <= 1e-14);
  // column times row
  BOOST_TEST(max_rel(symgrad::eval(mm<u_t, r_t>{}, bs), product(d.ud, rd)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<v_t, T_t<v_t>>{}, bs), product(d.vd, d.vd.transpose())) <= 1e-14);
}

BOOST_AUTO_TEST_CASE(scalar_factors_scale_the_product) {
  const product_data d;
  const auto bs = bind(A = d.Ad(), B = d.Bd, u = d.ud, v = d.vd, s = d.sd, r = d.rd());
  const Eigen::MatrixXd Ad = d.Ad();
  const Eigen::MatrixXd rd = d.rd();
  // (p x 1)(1 x 1)(1 x q): s scales an outer product; u^T u is a 1 x 1 factor too.
  BOOST_TEST(max_rel(symgrad::eval(mm<u_t, s_t, r_t>{}, bs), d.sd * product(d.ud, rd)) <= 1e-14);
  using utu = mm<T_t<u_t>, u_t>;
  BOOST_TEST(max_rel(symgrad::eval(mm<A_t, v_t, utu>{}, bs), product(Ad, d.vd) * product(d.ud.transpose(), d.ud)(0, 0)) <= 1e-14);
  BOOST_TEST(max_rel(symgrad::eval(mm<s_t, T_t<u_t>, A_t>{}, bs), d.sd * product(d.ud.transpose(), Ad)) <= 1e-14);
  BOOST_TEST(symgrad::eval(mm<s_t, s_t>{}, bs) == d.sd * d.sd);
  BOOST_TEST(rel(symgrad::eval(mm<s_t, r_t, v_t>{}, bs), d.sd * product(rd, d.vd)(0, 0)) <= 1e-14);
  // A chain of three with a scalar result: u^T A v.
  BOOST_TEST(rel(symgrad::eval(mm<T_t<u_t>, A_t, v_t>{}, bs), product(d.ud.transpose(), product(Ad, d.vd))(0, 0)) <= 1e-14);
  BOOST_TEST(rel(symgrad::eval(mm<s_t, T_t<u_t>, A_t, v_t>{}, bs), d.sd * product(d.ud.transpose(), product(Ad, d.vd))(0, 0)) <= 1e-14);
}

BOOST_AUTO_TEST_CASE(matrices_with_one_row_or_column_at_run_time) {
  // p = 1: A is a single (strided) row, and A v is Eigen's dot-product fallback.
  const Eigen::MatrixXd big = gaussian(4, 6, 34);
  const Eigen::VectorXd vd = gaussian(6, 1, 35).col(0);
  const Eigen::VectorXd one = Eigen::VectorXd::Constant(1, 0.5);
  const auto bs = bind(A = big.block(2, 0, 1, 6), v = vd, u = one);
  const Eigen::VectorXd av = symgrad::eval(mm<A_t, v_t>{}, bs);
  BOOST_TEST(av.size() == 1);
  BOOST_TEST(rel(av(0), product(big.row(2), vd)(0, 0)) <= 1e-14);
  const Eigen::VectorXd atu = symgrad::eval(mm<T_t<A_t>, u_t>{}, bs);
  BOOST_TEST(max_rel(atu, Eigen::MatrixXd(0.5 * big.row(2).transpose())) <= 1e-15);
  // q = 1: A^T u has one row.
  const Eigen::VectorXd col = gaussian(3, 1, 36).col(0);
  const auto bc = bind(A = col, u = col, v = one);
  const Eigen::VectorXd c = symgrad::eval(mm<T_t<A_t>, u_t>{}, bc);
  BOOST_TEST(c.size() == 1);
  BOOST_TEST(rel(c(0), product(col.transpose(), col)(0, 0)) <= 1e-14);
}

BOOST_AUTO_TEST_SUITE_END()
