// Logistic regression: the generated gradient against the hand-written closed form of
// seed 000 and against central differences, on random data.
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

#include "../../support/linear_models.hpp"

namespace tt = boost::test_tools;
using namespace symgrad;
using namespace linear_models;

namespace {

constexpr auto loss = logistic;

struct problem {
  Eigen::MatrixXd x;
  Eigen::VectorXd labels;
  Eigen::VectorXd w0;
  double b0;

  explicit problem(unsigned seed, Eigen::Index rows = 300, Eigen::Index cols = 8) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal;
    std::bernoulli_distribution coin(0.4);
    x = Eigen::MatrixXd::NullaryExpr(rows, cols, [&] { return normal(gen); });
    labels = Eigen::VectorXd::NullaryExpr(rows, [&] { return coin(gen) ? 1.0 : 0.0; });
    w0 = Eigen::VectorXd::NullaryExpr(cols, [&] { return 0.5 * normal(gen); });
    b0 = normal(gen);
  }
};

// Worst entry of the seeds' symmetric relative error.
double worst_error(const Eigen::VectorXd& got, const Eigen::VectorXd& want) {
  BOOST_TEST_REQUIRE(got.size() == want.size());
  double worst = 0.0;
  for (Eigen::Index i = 0; i < got.size(); ++i) worst = std::max(worst, relative_error(got(i), want(i)));
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(logistic)

BOOST_AUTO_TEST_CASE(matches_hand_written_closed_form) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const problem p(seed);
    const auto [value, gw, gb] = value_and_grad(loss, wrt(w, b), bind(X = p.x, w = p.w0, b = p.b0, y = p.labels));

    // Seed 000, written out by hand with Eigen.
    const Eigen::ArrayXd a = 1.0 / (1.0 + (-((p.x * p.w0).array() + p.b0)).exp());
    const Eigen::ArrayXd yy = p.labels.array();
    const double m_ = double(p.x.rows());
    const double want_value = -(yy * a.log() + (1.0 - yy) * (1.0 - a).log()).mean();
    const Eigen::VectorXd want_gw = p.x.transpose() * (a - yy).matrix() / m_;
    const double want_gb = (a - yy).mean();

    BOOST_TEST(relative_error(value, want_value) < 1e-12);
    BOOST_TEST(worst_error(gw, want_gw) < 1e-12);
    BOOST_TEST(relative_error(gb, want_gb) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(agrees_with_central_differences) {
  const problem p(7, 120, 5);
  const auto at = bind(X = p.x, w = p.w0, b = p.b0, y = p.labels);
  const auto rw = check_gradient(loss, w, at);
  const auto rb = check_gradient(loss, b, at);
  // Some entries of dL/dX are ~5e-6, where the round-off of a central difference with
  // h = 1e-6 (~1e-10 absolute) is already 1e-5 relative; h = 1e-4 keeps both the
  // truncation (h^2) and the round-off (eps / h) far below the bound.
  const auto rX = check_gradient(loss, X, at, 1e-4);
  BOOST_TEST(rw.entries == 5u);
  BOOST_TEST(rX.entries == 600u);
  BOOST_TEST(rw.max_relative_error < 1e-7);
  BOOST_TEST(rb.max_relative_error < 1e-7);
  BOOST_TEST(rX.max_relative_error < 1e-6);
}

BOOST_AUTO_TEST_CASE(label_gradient_keeps_its_logs) {
  const problem p(11, 50, 3);
  const auto at = bind(X = p.x, w = p.w0, b = p.b0, y = p.labels);
  const Eigen::VectorXd gy = symgrad::eval(grad(loss, y), at);
  const Eigen::ArrayXd a = 1.0 / (1.0 + (-((p.x * p.w0).array() + p.b0)).exp());
  const Eigen::VectorXd want = ((1.0 - a).log() - a.log()).matrix() / 50.0;
  BOOST_TEST(worst_error(gy, want) < 1e-12);
}

BOOST_AUTO_TEST_CASE(printed_like_the_seed) {
  BOOST_TEST(to_string(grad(loss, w)) == "X^T (sigmoid(X w + b) - y) / m");
  BOOST_TEST(to_latex(grad(loss, w)) == "\\frac{X^\\top (\\sigma(Xw + b) - y)}{m}");
}

BOOST_AUTO_TEST_CASE(size_mismatch_names_variable_and_dimension) {
  const problem p(5, 40, 3);
  const Eigen::VectorXd short_labels = p.labels.head(39);
  try {
    (void)value_and_grad(loss, wrt(w, b), bind(X = p.x, w = p.w0, b = p.b0, y = short_labels));
    BOOST_FAIL("expected a dimension_error");
  } catch (const dimension_error& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("'y'") != std::string::npos);
    BOOST_TEST(what.find("'m'") != std::string::npos);
    BOOST_TEST(what.find("39") != std::string::npos);
    BOOST_TEST(what.find("40") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
