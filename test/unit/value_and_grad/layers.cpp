// Layered models: seed 002's two-layer network (sigmoid then softmax) and seed 003's sigmoid
// and relu layers with a bias and a mean squared error. The generated gradients against the
// seeds' hand-written chains and central differences.
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace models_test;

BOOST_AUTO_TEST_SUITE(models)

// ---- seed 002: two-layer network on one sample, sigmoid then softmax -------------------------

BOOST_AUTO_TEST_CASE(seed002_two_layer_network) {
  using layer_models::J, layer_models::label, layer_models::W1, layer_models::W2, layer_models::x;
  std::mt19937 gen(2002);
  for (int draw = 0; draw < 5; ++draw) {
    BOOST_TEST_CONTEXT("draw " << draw) {
      const MatrixXd xd = gaussian(gen, 4, 1), W1d = gaussian(gen, 5, 4), W2d = gaussian(gen, 3, 5);
      const MatrixXd ld = one_hot(gen, 3, 1);
      const auto at = bind(x = xd, W1 = W1d, W2 = W2d, label = ld);
      const auto [value, gW2, gW1] = value_and_grad(J, wrt(W2, W1), at);

      // The seed's closed forms: dW2 = (z2 - label) z1^T, dW1 = ((W2^T (z2 - label)) .* z1 .* (1 - z1)) x^T.
      const MatrixXd a1 = entrywise(logistic, product(W1d, xd));
      const MatrixXd a2 = column_softmax(product(W2d, a1));
      const MatrixXd delta2 = entrywise(std::minus<double>(), a2, ld);
      const MatrixXd delta1 =
          entrywise([](double g, double s) { return g * s * (1.0 - s); }, product(transposed(W2d), delta2), a1);
      const double want_value = -sum_of(entrywise([](double l, double p) { return l * std::log(p); }, ld, a2));

      BOOST_TEST(relative_error(value, want_value) < 1e-13);
      BOOST_TEST(normwise(gW2, product(delta2, transposed(a1))) < 1e-13);
      BOOST_TEST(normwise(gW1, product(delta1, transposed(xd))) < 1e-13);

      check_differences(J, W2, at, 15);
      check_differences(J, W1, at, 20);
    }
  }
}

// ---- seed 003: layers with a bias and a mean squared error ----------------------------------

namespace seed003 {
using layer_models::W1, layer_models::W2, layer_models::x;  // as in seed 002
constexpr auto t = vector<"t">(k);
constexpr auto W = matrix<"W">(k, n);
constexpr auto b = vector<"b">(k);
constexpr auto cost1 = mse(sigmoid(W * x + b), t);

constexpr auto b1 = vector<"b1">(h);
constexpr auto b2 = vector<"b2">(k);
constexpr auto cost2 = mse(relu(W2 * sigmoid(W1 * x + b1) + b2), t);
}  // namespace seed003

BOOST_AUTO_TEST_CASE(seed003_one_layer_mse) {
  using namespace seed003;
  std::mt19937 gen(3003);
  for (int draw = 0; draw < 5; ++draw) {
    BOOST_TEST_CONTEXT("draw " << draw) {
      const MatrixXd xd = gaussian(gen, 4, 1), Wd = gaussian(gen, 3, 4), bd = gaussian(gen, 3, 1), td = gaussian(gen, 3, 1);
      const auto at = bind(x = xd, W = Wd, b = bd, t = td);
      const auto [value, gW, gb] = value_and_grad(cost1, wrt(W, b), at);

      // The seed's chain: dC/da = 2 (a - t) / n, da/dz = a (1 - a), dz/dW = x^T, dz/db = 1.
      const MatrixXd a = entrywise(logistic, entrywise(std::plus<double>(), product(Wd, xd), bd));
      const MatrixXd dC_da = entrywise([](double ai, double ti) { return 2.0 * (ai - ti) / 3.0; }, a, td);
      const MatrixXd dC_dz = entrywise([](double g, double ai) { return g * ai * (1.0 - ai); }, dC_da, a);
      const double want_value = sum_of(entrywise([](double ai, double ti) { return (ai - ti) * (ai - ti); }, a, td)) / 3.0;

      BOOST_TEST(relative_error(value, want_value) < 1e-13);
      BOOST_TEST(normwise(gW, product(dC_dz, transposed(xd))) < 1e-13);
      BOOST_TEST(normwise(gb, dC_dz) < 1e-13);

      check_differences(cost1, W, at, 12);
      check_differences(cost1, b, at, 3);
    }
  }
}

BOOST_AUTO_TEST_CASE(seed003_sigmoid_then_relu_mse) {
  using namespace seed003;
  std::mt19937 gen(3033);
  int draws = 0;
  for (int attempt = 0; draws < 5 && attempt < 1000; ++attempt) {
    const MatrixXd xd = gaussian(gen, 4, 1), W1d = gaussian(gen, 5, 4), b1d = gaussian(gen, 5, 1);
    const MatrixXd W2d = gaussian(gen, 3, 5), b2d = gaussian(gen, 3, 1), td = gaussian(gen, 3, 1);
    // relu has a kink at 0, where neither the derivative nor a central difference means
    // anything: keep only draws whose relu inputs are all at least 0.1 away from 0 (a step
    // of fd_step in one entry of W1, b1, W2 or b2 moves them by less than 1e-3), with an
    // active and an inactive unit, so that both sides of relu are exercised.
    const MatrixXd a1 = entrywise(logistic, entrywise(std::plus<double>(), product(W1d, xd), b1d));
    const MatrixXd pre = entrywise(std::plus<double>(), product(W2d, a1), b2d);
    const bool away = pre.cwiseAbs().minCoeff() >= 0.1;
    if (!away || pre.maxCoeff() < 0 || pre.minCoeff() > 0) continue;
    ++draws;
    BOOST_TEST_CONTEXT("draw " << draws << " (attempt " << attempt << ")") {
      const auto at = bind(x = xd, W1 = W1d, b1 = b1d, W2 = W2d, b2 = b2d, t = td);
      check_differences(cost2, W1, at, 20);
      check_differences(cost2, b1, at, 5);
      check_differences(cost2, W2, at, 15);
      check_differences(cost2, b2, at, 3);
    }
  }
  BOOST_TEST(draws == 5);
}

BOOST_AUTO_TEST_SUITE_END()
