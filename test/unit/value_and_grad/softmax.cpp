// Models over the class axis and affine layers: seed 004's softmax and negative
// log-likelihood of one sample, softmax regression over a matrix of samples with one-hot and
// with soft labels, and seed 001's affine layer X W + b. The generated gradients against the
// seed's published values, hand-written closed forms and central differences.
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace models_test;

BOOST_AUTO_TEST_SUITE(models)

// ---- seed 004: softmax and negative log-likelihood of one sample -----------------------------

namespace seed004 {
constexpr auto z = vector<"z">(k);
constexpr auto y = vector<"y", sums_to_one>(k);
constexpr auto loss = cross_entropy(softmax(z), y);
constexpr auto nll = -sum(y % log_softmax(z));
}  // namespace seed004

BOOST_AUTO_TEST_CASE(seed004_softmax_nll) {
  using namespace seed004;
  const Eigen::VectorXd zd = (Eigen::VectorXd(4) << 0.0, 3.0, -2.0, 1.0).finished();
  const Eigen::VectorXd yd = (Eigen::VectorXd(4) << 0.0, 0.0, 0.0, 1.0).finished();  // class 3
  // The seed's published gradient.
  const double published[4] = {0.041772570515350445, 0.8390245074625319, 0.005653302662216329, -0.8864503806400986};

  // The loss in long double: log(sum exp z) - z_3.
  long double total = 0.0L;
  for (Index i = 0; i < 4; ++i) total += std::exp(static_cast<long double>(zd(i)));
  const double want_value = static_cast<double>(std::log(total) - static_cast<long double>(zd(3)));

  const auto at = bind(z = zd, y = yd);
  const auto [value, gz] = value_and_grad(loss, wrt(z), at);
  const auto [value2, gz2] = value_and_grad(nll, wrt(z), at);
  BOOST_TEST(std::abs(value - want_value) / want_value < 1e-15);
  BOOST_TEST(std::abs(value2 - want_value) / want_value < 1e-15);
  BOOST_TEST_REQUIRE(gz.size() == 4);
  BOOST_TEST_REQUIRE(gz2.size() == 4);
  for (Index i = 0; i < 4; ++i) {
    BOOST_TEST_CONTEXT("entry " << i << ": cross_entropy " << gz(i) << ", -sum(y % log_softmax) " << gz2(i)
                                << ", published " << published[i]) {
      BOOST_TEST(std::abs(gz(i) - published[i]) / std::abs(published[i]) < 1e-15);
      BOOST_TEST(std::abs(gz2(i) - published[i]) / std::abs(published[i]) < 1e-15);
    }
  }
}

// ---- softmax regression over a matrix of samples ---------------------------------------------

namespace softmax_regression {
using layer_models::b, layer_models::W, layer_models::X, layer_models::Y;  // Y: one-hot rows
constexpr auto T = matrix<"T">(m, k);  // soft labels, rows of any sum
constexpr auto Z = matrix<"Z">(m, k);  // the logits as a variable
constexpr auto L = layer_models::ce;
constexpr auto L_soft = cross_entropy(softmax(X * W + b), T);
constexpr auto L_logits = cross_entropy(softmax(Z), T);

struct data {
  MatrixXd Xd, Wd, Yd, Td;
  Eigen::RowVectorXd bd;
  explicit data(unsigned seed) {
    std::mt19937 gen(seed);
    Xd = gaussian(gen, 7, 4);
    Wd = gaussian(gen, 4, 3);
    bd = gaussian(gen, 1, 3);
    Yd = one_hot(gen, 7, 3);
    Td = uniform(gen, 7, 3, 0.1, 1.0);  // rows sum to 0.3 ... 3, about 1.65
  }
  MatrixXd logits() const { return plus_row(product(Xd, Wd), bd); }
};
}  // namespace softmax_regression

BOOST_AUTO_TEST_CASE(softmax_regression_one_hot) {
  using namespace softmax_regression;
  for (unsigned seed : {41u, 42u, 43u}) {
    BOOST_TEST_CONTEXT("seed " << seed) {
      const data d(seed);
      const auto at = bind(X = d.Xd, W = d.Wd, b = d.bd, Y = d.Yd);
      const auto [value, gW, gb] = value_and_grad(L, wrt(W, b), at);

      // dL/dZ = (P - Y) / m, P with the maximum of each row shifted out.
      const MatrixXd P = row_softmax(d.logits());
      const MatrixXd D = entrywise([](double p, double y) { return (p - y) / 7.0; }, P, d.Yd);
      const double want_value = -sum_of(entrywise([](double y, double p) { return y * std::log(p); }, d.Yd, P)) / 7.0;

      BOOST_TEST(relative_error(value, want_value) < 1e-12);
      BOOST_TEST(normwise(gW, product(transposed(d.Xd), D)) < 1e-12);
      BOOST_TEST(normwise(gb, col_sums_of(D)) < 1e-12);  // the column means of P - Y

      check_differences(L, W, at, 12);
      check_differences(L, b, at, 3);
    }
  }
}

// Labels not declared to sum to one, and whose rows do not: dL/dZ = (P .* rowsum(T) - T) / m,
// so the simplification to (P - T) / m that sums_to_one allows must not happen.
BOOST_AUTO_TEST_CASE(softmax_regression_soft_labels) {
  using namespace softmax_regression;
  for (unsigned seed : {44u, 45u}) {
    BOOST_TEST_CONTEXT("seed " << seed) {
      const data d(seed);
      const MatrixXd Zd = d.logits();
      const MatrixXd P = row_softmax(Zd);
      const MatrixXd mass = row_sums_of(d.Td);
      MatrixXd D(7, 3);
      for (Index i = 0; i < 7; ++i)
        for (Index j = 0; j < 3; ++j) D(i, j) = (P(i, j) * mass(i, 0) - d.Td(i, j)) / 7.0;
      const double want_value = -sum_of(entrywise([](double t, double p) { return t * std::log(p); }, d.Td, P)) / 7.0;

      // With respect to the logits.
      const auto at_z = bind(Z = Zd, T = d.Td);
      const auto [value_z, gZ] = value_and_grad(L_logits, wrt(Z), at_z);
      BOOST_TEST(relative_error(value_z, want_value) < 1e-12);
      BOOST_TEST(normwise(gZ, D) < 1e-12);
      check_differences(L_logits, Z, at_z, 21);

      // Through the affine layer.
      const auto at = bind(X = d.Xd, W = d.Wd, b = d.bd, T = d.Td);
      const auto [value, gW, gb] = value_and_grad(L_soft, wrt(W, b), at);
      BOOST_TEST(relative_error(value, want_value) < 1e-12);
      BOOST_TEST(normwise(gW, product(transposed(d.Xd), D)) < 1e-12);
      BOOST_TEST(normwise(gb, col_sums_of(D)) < 1e-12);
      check_differences(L_soft, W, at, 12);
      check_differences(L_soft, b, at, 3);
    }
  }
}

// ---- seed 001: the affine layer's backward pass for an upstream gradient G ------------------

namespace affine {
using layer_models::b, layer_models::G, layer_models::W, layer_models::X;
constexpr auto L = layer_models::affine;
}  // namespace affine

BOOST_AUTO_TEST_CASE(seed001_affine_layer) {
  using namespace affine;
  std::mt19937 gen(1001);
  for (int draw = 0; draw < 3; ++draw) {
    BOOST_TEST_CONTEXT("draw " << draw) {
      const MatrixXd Xd = gaussian(gen, 7, 4), Wd = gaussian(gen, 4, 3), Gd = gaussian(gen, 7, 3);
      const Eigen::RowVectorXd bd = gaussian(gen, 1, 3);
      const auto at = bind(X = Xd, W = Wd, b = bd, G = Gd);
      const auto [value, gX, gW, gb] = value_and_grad(L, wrt(X, W, b), at);

      const double want_value = sum_of(entrywise(std::multiplies<double>(), Gd, plus_row(product(Xd, Wd), bd)));
      BOOST_TEST(relative_error(value, want_value) < 1e-13);
      BOOST_TEST(normwise(gX, product(Gd, transposed(Wd))) < 1e-13);                // G W^T
      BOOST_TEST(normwise(gW, product(transposed(Xd), Gd)) < 1e-13);                // X^T G
      BOOST_TEST(normwise(gb, product(MatrixXd::Ones(1, 7), Gd)) < 1e-13);          // 1^T G

      check_differences(L, X, at, 28);
      check_differences(L, W, at, 12);
      check_differences(L, b, at, 3);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
