// Streaming (eval/plan/stream.hpp): plans whose results are sums over the rows of the data are
// evaluated in blocks of rows (which plans: test/static/plan_stream.cpp), with the results of
// the evaluation made whole, to rounding (the sums are added in another order).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstddef>

#include <symgrad/calculus/jacobian.hpp>
#include <symgrad/eval/evaluator.hpp>
#include <symgrad/value_and_grad.hpp>

#include "support.hpp"

using namespace symgrad;
using eval_test::b;
using eval_test::gaussian;
using eval_test::labels;
using eval_test::max_rel;
using eval_test::rel;
using eval_test::w;
using eval_test::X;
using eval_test::y;

namespace {

constexpr auto loss = bce(sigmoid(X * w + b), y);

// Evaluations made in blocks while f runs.
template <class F>
std::size_t streamed(F&& f) {
  const std::size_t before = eval_detail::streamed_evaluations;
  f();
  return eval_detail::streamed_evaluations - before;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_stream)

// Logistic regression: loss, gradients and Hessian in blocks (m not a multiple of the block,
// X a strided block of a larger matrix, chunks of several blocks) against the evaluation made
// whole.
BOOST_AUTO_TEST_CASE(logistic) {
  const Eigen::MatrixXd big = gaussian(20003, 40, 31);  // X: 4.8 MB, more than a cache
  const auto Xd = big.block(1, 3, 20001, 30);
  // The Hessian's d .* X is a local matrix: blocks of about 64 KB, more than max_chunks of them.
  const Eigen::Index block = eval_detail::block_rows<double>(31);
  BOOST_TEST(eval_detail::chunking(20001, block).rows > block);
  const Eigen::VectorXd wd = gaussian(30, 1, 32).col(0) / 3, yd = labels(20001, 33);
  const auto bs = bind(X = Xd, w = wd, b = 0.25, y = yd);
  double L = 0;
  Eigen::VectorXd gw;
  double gb = 0;
  Eigen::MatrixXd H;
  BOOST_TEST(streamed([&] { std::tie(L, gw, gb, H) = eval_all(bs, stable(loss), grad(loss, w), grad(loss, b), hessian(loss, w)); }) == 1u);
  // Whole: the same roots with one that has m rows.
  double L2 = 0;
  Eigen::VectorXd gw2, z;
  double gb2 = 0;
  Eigen::MatrixXd H2;
  BOOST_TEST(streamed([&] {
               std::tie(L2, gw2, gb2, H2, z) =
                   eval_all(bs, stable(loss), grad(loss, w), grad(loss, b), hessian(loss, w), X * w);
             }) == 0u);
  BOOST_TEST(rel(L, L2) <= 1e-13);
  BOOST_TEST(max_rel(gw, gw2) <= 1e-12);
  BOOST_TEST(rel(gb, gb2) <= 1e-12);
  BOOST_TEST(max_rel(H, H2) <= 1e-12);
  // Data that fits in a cache: evaluated whole.
  const Eigen::MatrixXd Xs = gaussian(200, 30, 34);
  const Eigen::VectorXd ys = labels(200, 35);
  BOOST_TEST(streamed([&] { (void)value_and_grad(loss, wrt(w, b), bind(X = Xs, w = wd, b = 0.25, y = ys)); }) == 0u);
}

// Softmax regression: logsumexp of each row, X^T (P - Y) and 1^T (P - Y) in blocks.
BOOST_AUTO_TEST_CASE(softmax_regression) {
  constexpr auto W = matrix<"W">(dim<"n">, dim<"k">);
  constexpr auto c = row_vector<"c">(dim<"k">);
  constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, dim<"k">);
  constexpr auto ce = cross_entropy(softmax(X * W + c), Y);
  const Eigen::MatrixXd Xd = gaussian(12000, 20, 36), Wd = gaussian(20, 7, 37), cd = gaussian(1, 7, 38);
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(12000, 7);
  for (Eigen::Index i = 0; i < Yd.rows(); ++i) Yd(i, (i * 5) % 7) = 1;
  const auto bs = bind(X = Xd, W = Wd, c = cd, Y = Yd);
  double L = 0, L2 = 0;
  Eigen::MatrixXd gW, gc, gW2, gc2, P;
  BOOST_TEST(streamed([&] { std::tie(L, gW, gc) = value_and_grad(ce, wrt(W, c), bs); }) == 1u);
  BOOST_TEST(streamed([&] { std::tie(L2, gW2, gc2, P) = eval_all(bs, stable(ce), grad(ce, W), grad(ce, c), softmax(X * W + c)); }) == 0u);
  BOOST_TEST(rel(L, L2) <= 1e-13);
  BOOST_TEST(max_rel(gW, gW2) <= 1e-12);
  BOOST_TEST(max_rel(gc, gc2) <= 1e-12);
}

// A compiled evaluator streams too, and means count every entry once.
BOOST_AUTO_TEST_CASE(evaluator_and_means) {
  const Eigen::MatrixXd Xd = gaussian(12000, 40, 39);
  const Eigen::VectorXd wd = gaussian(40, 1, 40).col(0) / 5, yd = labels(12000, 41);
  auto f = compile(mean(X * w), sum(sigmoid(X * w + b) - y), mean(X));
  const auto bs = bind(X = Xd, w = wd, b = -0.5, y = yd);
  const Eigen::VectorXd z = Xd * wd;
  const double s_want = (1 / (1 + (0.5 - z.array()).exp()) - yd.array()).sum();
  for (int call = 0; call < 2; ++call) {
    double a = 0, s = 0, mx = 0;
    BOOST_TEST(streamed([&] { std::tie(a, s, mx) = f(bs); }) == 1u);
    // Sums of entries of both signs: errors on the scale of the sum of magnitudes.
    BOOST_TEST(std::abs(a - z.mean()) <= 1e-14 * z.cwiseAbs().mean());
    BOOST_TEST(std::abs(s - s_want) <= 1e-14 * static_cast<double>(z.size()));
    BOOST_TEST(rel(mx, Xd.mean()) <= 1e-13);
  }
}

BOOST_AUTO_TEST_SUITE_END()
