// Evaluation in float: float bindings (MatrixXf, VectorXf, maps and blocks of them) make the
// whole evaluation compute in float, through the same plan and kernels as double. Results are
// compared with the double evaluation of the same data, rounded to float first, at float
// tolerances: a few units in the last place of float (2^-23 = 1.2e-7) per operation.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

#include "symgrad/eval/one_hot.hpp"
#include "symgrad/value_and_grad.hpp"
#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

namespace {

constexpr auto k = dim<"k">;
constexpr auto W = matrix<"W">(dim<"n">, k);
constexpr auto c = row_vector<"c">(k);
constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, k);
constexpr auto logistic = bce(sigmoid(X * w + b), y);
constexpr auto softmax_loss = cross_entropy(softmax(X * W + c), Y);

// The double evaluation's data: the float data, widened exactly.
Eigen::MatrixXd widened(const Eigen::MatrixXf& m) { return m.cast<double>(); }

double max_rel_f(const Eigen::MatrixXf& got, const Eigen::MatrixXd& expected) { return max_rel(got.cast<double>(), expected); }

Eigen::MatrixXf one_hot_rows(Eigen::Index rows, Eigen::Index classes, unsigned seed) {
  Eigen::MatrixXf Yd = Eigen::MatrixXf::Zero(rows, classes);
  const Eigen::MatrixXd u = gaussian(rows, 1, seed);
  for (Eigen::Index i = 0; i < rows; ++i) Yd(i, static_cast<Eigen::Index>(std::abs(u(i, 0)) * 1000) % classes) = 1;
  return Yd;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_suite)

// The result types follow the bindings: float, VectorXf, MatrixXf.
BOOST_AUTO_TEST_CASE(result_types) {
  const Eigen::MatrixXf Xf = gaussian(6, 3, 1).cast<float>();
  const Eigen::VectorXf wf = gaussian(3, 1, 2).cast<float>();
  const auto bs = bind(X = Xf, w = wf, b = 0.5);
  const auto [s, v, M] = eval_all(bs, sum(X * w), X * w + b, X % X);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(s)>, float>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(v)>, Eigen::VectorXf>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(M)>, Eigen::MatrixXf>);
  static_assert(std::is_same_v<decltype(eval(sum(X * w), bind(X = Xf, w = wf))), float>);
  // A binding of scalars only is double, as before.
  static_assert(std::is_same_v<decltype(eval(b * b, bind(b = 2.0))), double>);
  const Eigen::VectorXf expected = Xf * wf + Eigen::VectorXf::Constant(6, 0.5f);
  BOOST_TEST(max_rel_f(v, expected.cast<double>()) <= 1e-6);
  // Held as double data is: lvalues and their column blocks referenced, rvalues and
  // expressions owned.
  BOOST_TEST(!(X = Xf).owns_copy());
  BOOST_TEST(!(X = Xf.topRows(3)).owns_copy());
  BOOST_TEST((X = Eigen::MatrixXf(Xf)).owns_copy());
  BOOST_TEST((X = 2 * Xf).owns_copy());
  const Eigen::Map<const Eigen::MatrixXf> mapped(Xf.data(), 6, 3);
  BOOST_TEST((eval(X * w, bind(X = mapped, w = wf)) == eval(X * w, bind(X = Xf, w = wf))));
}

// Logistic regression, value and gradients, against the double evaluation of the same data.
BOOST_AUTO_TEST_CASE(logistic_regression) {
  const Eigen::MatrixXf Xf = gaussian(500, 20, 3).cast<float>();
  const Eigen::VectorXf wf = (0.3 * gaussian(20, 1, 4)).cast<float>();
  const Eigen::VectorXf yf = labels(500, 5).cast<float>();
  const auto [L, gw, gb] = value_and_grad(logistic, wrt(w, b), bind(X = Xf, w = wf, b = 0.25, y = yf));
  const auto [Ld, gwd, gbd] =
      value_and_grad(logistic, wrt(w, b), bind(X = widened(Xf), w = widened(wf), b = 0.25, y = widened(yf)));
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(gw)>, Eigen::VectorXf>);
  BOOST_TEST(rel(L, Ld) <= 1e-6);
  BOOST_TEST(max_rel_f(gw, gwd) <= 1e-5);
  BOOST_TEST(std::abs(gb - gbd) <= 1e-6);
  // Not evaluated in double: float rounding shows.
  BOOST_TEST(static_cast<double>(L) != Ld);

  // The compiled evaluator in float gives the same numbers, call after call.
  auto step = value_and_grad<float>(logistic, wrt(w, b));
  for (int i = 0; i < 2; ++i) {
    const auto [L2, gw2, gb2] = step(bind(X = Xf, w = wf, b = 0.25, y = yf));
    BOOST_TEST(L2 == L);
    BOOST_TEST((gw2 == gw));
    BOOST_TEST(gb2 == gb);
  }
}

// Softmax regression: matrix products (gemm), row-wise logsumexp, a stretched row c.
BOOST_AUTO_TEST_CASE(softmax_regression) {
  const Eigen::MatrixXf Xf = gaussian(300, 12, 6).cast<float>();
  const Eigen::MatrixXf Wf = (0.5 * gaussian(12, 5, 7)).cast<float>();
  const Eigen::RowVectorXf cf = gaussian(1, 5, 8).cast<float>();
  const Eigen::MatrixXf Yf = one_hot_rows(300, 5, 9);
  const auto [L, gW, gc] = value_and_grad(softmax_loss, wrt(W, c), bind(X = Xf, W = Wf, c = cf, Y = Yf));
  const auto [Ld, gWd, gcd] = value_and_grad(softmax_loss, wrt(W, c),
                                             bind(X = widened(Xf), W = widened(Wf), c = widened(cf), Y = widened(Yf)));
  BOOST_TEST(rel(L, Ld) <= 1e-6);
  BOOST_TEST(max_rel_f(gW, gWd) <= 1e-5);
  BOOST_TEST(max_rel_f(gc, gcd) <= 1e-5);
}

// A network with a tanh hidden layer: matrix products on both sides, tanh's packets in float.
BOOST_AUTO_TEST_CASE(tanh_network) {
  constexpr auto h = dim<"h">;
  constexpr auto W1 = matrix<"W1">(dim<"n">, h);
  constexpr auto b1 = row_vector<"b1">(h);
  constexpr auto W2 = matrix<"W2">(h, k);
  constexpr auto b2 = row_vector<"b2">(k);
  constexpr auto net_loss = cross_entropy(softmax(tanh(X * W1 + b1) * W2 + b2), Y);
  const Eigen::MatrixXf Xf = gaussian(200, 8, 20).cast<float>();
  const Eigen::MatrixXf W1f = (0.4 * gaussian(8, 6, 21)).cast<float>(), W2f = (0.4 * gaussian(6, 4, 22)).cast<float>();
  const Eigen::RowVectorXf b1f = gaussian(1, 6, 23).cast<float>(), b2f = gaussian(1, 4, 24).cast<float>();
  const Eigen::MatrixXf Yf = one_hot_rows(200, 4, 25);
  const auto [L, g1, gb1, g2, gb2] =
      value_and_grad(net_loss, wrt(W1, b1, W2, b2), bind(X = Xf, W1 = W1f, b1 = b1f, W2 = W2f, b2 = b2f, Y = Yf));
  const auto [Ld, g1d, gb1d, g2d, gb2d] =
      value_and_grad(net_loss, wrt(W1, b1, W2, b2),
                     bind(X = widened(Xf), W1 = widened(W1f), b1 = widened(b1f), W2 = widened(W2f), b2 = widened(b2f),
                          Y = widened(Yf)));
  BOOST_TEST(rel(L, Ld) <= 1e-6);
  BOOST_TEST(max_rel_f(g1, g1d) <= 1e-5);
  BOOST_TEST(max_rel_f(gb1, gb1d) <= 1e-5);
  BOOST_TEST(max_rel_f(g2, g2d) <= 1e-5);
  BOOST_TEST(max_rel_f(gb2, gb2d) <= 1e-5);
}

// Data larger than a cache is evaluated in blocks of rows, in float as in double.
BOOST_AUTO_TEST_CASE(streamed) {
  const Eigen::MatrixXf Xf = gaussian(40000, 20, 10).cast<float>();  // 3.2 MB
  const Eigen::VectorXf wf = (0.3 * gaussian(20, 1, 11)).cast<float>();
  const Eigen::VectorXf yf = labels(40000, 12).cast<float>();
  const std::size_t before = eval_detail::streamed_evaluations;
  const auto [L, gw, gb] = value_and_grad(logistic, wrt(w, b), bind(X = Xf, w = wf, b = -0.5, y = yf));
  BOOST_TEST(eval_detail::streamed_evaluations == before + 1);
  const auto [Ld, gwd, gbd] =
      value_and_grad(logistic, wrt(w, b), bind(X = widened(Xf), w = widened(wf), b = -0.5, y = widened(yf)));
  BOOST_TEST(rel(L, Ld) <= 1e-5);
  BOOST_TEST(max_rel_f(gw, gwd) <= 1e-4);
  BOOST_TEST(std::abs(gb - gbd) <= 1e-5);
}

// Functions at float's edges: sigmoid and softplus of large logits stay finite, exp below
// float's range gives 0 or a subnormal (0 in packet lanes, libm's subnormal in the tail), never
// the smallest normal float, and the stable loss at logits of magnitude 100 is finite.
BOOST_AUTO_TEST_CASE(edges) {
  Eigen::VectorXf zf(6);
  zf << 100, -100, 0, 88, -90, 1e-30f;
  const auto z = vector<"z">(dim<"m">);
  const auto [s, p, e] = eval_all(bind(z = zf), sigmoid(z), softplus(z), exp(z));
  BOOST_TEST(s(0) == 1.0f);
  BOOST_TEST(s(1) >= 0.0f);
  BOOST_TEST(s(1) < std::numeric_limits<float>::min());
  BOOST_TEST(s(2) == 0.5f);
  BOOST_TEST(p(0) == 100.0f);
  BOOST_TEST(p(1) == 0.0f);
  BOOST_TEST(std::isfinite(e(3)));
  BOOST_TEST(e(4) >= 0.0f);
  BOOST_TEST(e(4) < std::numeric_limits<float>::min());
  BOOST_TEST(e(5) == 1.0f);
  const Eigen::VectorXf yv = Eigen::VectorXf::Zero(6);
  const float L = std::get<0>(value_and_grad(bce(sigmoid(z), y), wrt(z), bind(z = zf, y = yv)));
  const double Ld = std::get<0>(value_and_grad(bce(sigmoid(z), y), wrt(z), bind(z = zf.cast<double>().eval(), y = yv.cast<double>().eval())));
  BOOST_TEST(std::isfinite(L));
  BOOST_TEST(rel(L, Ld) <= 1e-6);
}

// Declared properties are checked on float data too.
BOOST_AUTO_TEST_CASE(declared_properties) {
  Eigen::MatrixXf Yf = one_hot_rows(4, 3, 13);
  const Eigen::MatrixXf Xf = gaussian(4, 2, 14).cast<float>();
  const Eigen::MatrixXf Wf = gaussian(2, 3, 15).cast<float>();
  const Eigen::RowVectorXf cf = Eigen::RowVectorXf::Zero(3);
  BOOST_CHECK_NO_THROW(eval(softmax_loss, bind(X = Xf, W = Wf, c = cf, Y = Yf)));
  Yf(2, 0) += 0.5f;
  BOOST_CHECK_THROW(eval(softmax_loss, bind(X = Xf, W = Wf, c = cf, Y = Yf)), value_error);
  // Labels made one-hot in float.
  Eigen::VectorXi labels_i(4);
  labels_i << 0, 2, 1, 2;
  const auto Yh = one_hot<float>(labels_i, 3);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(Yh)>, Eigen::MatrixXf>);
  BOOST_TEST((Yh.cast<double>() == one_hot(labels_i, 3)));
  BOOST_CHECK_NO_THROW(eval(softmax_loss, bind(X = Xf, W = Wf, c = cf, Y = Yh)));
}

// A size mismatch is reported before any arithmetic, as in double.
BOOST_AUTO_TEST_CASE(size_mismatch) {
  const Eigen::MatrixXf Xf = gaussian(5, 3, 16).cast<float>();
  const Eigen::VectorXf wf = gaussian(4, 1, 17).cast<float>();
  BOOST_CHECK_THROW(eval(X * w, bind(X = Xf, w = wf)), dimension_error);
}

BOOST_AUTO_TEST_SUITE_END()
