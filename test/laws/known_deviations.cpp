// The known deviations of laws_support.cpp, each on its smallest example. These tests assert
// that the deviation still occurs: when one fails, the library (or Eigen) has changed, and the
// entry of known_deviations in laws_support.cpp should go, so that the law tests hold the
// library to the strict comparison again.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto n = dim<"n">;
constexpr auto x = vector<"x">(n);
constexpr auto z = vector<"z">(n);
constexpr auto y = vector<"y">(n);

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_known_deviations)

// sigmoid-derivative-tail: sigmoid'(40) = exp(-40) / (1 + exp(-40))^2 = 4.2483542552915889e-18,
// computed as sigmoid(40) (1 - sigmoid(40)) = 1 (1 - 1) = 0.
BOOST_AUTO_TEST_CASE(sigmoid_derivative_tail) {
  const Eigen::VectorXd xv = Eigen::VectorXd::Constant(1, 40.0);
  const Eigen::VectorXd g = eval(grad(sum(sigmoid(x)), x), bind(x = xv));
  BOOST_TEST_INFO("sigmoid'(40) = " << g(0) << "; if not 0, remove sigmoid-derivative-tail from laws_support.cpp");
  BOOST_TEST(g(0) == 0.0);
}

// tanh-derivative-tail: tanh'(40) = 1 - tanh(40)^2 = 4 exp(-80) / (1 + exp(-80))^2, about
// 7.2e-35, computed as 1 - 1 = 0.
BOOST_AUTO_TEST_CASE(tanh_derivative_tail) {
  const Eigen::VectorXd xv = Eigen::VectorXd::Constant(1, 40.0);
  const Eigen::VectorXd g = eval(grad(sum(tanh(x)), x), bind(x = xv));
  BOOST_TEST_INFO("tanh'(40) = " << g(0) << "; if not 0, remove tanh-derivative-tail from laws_support.cpp");
  BOOST_TEST(g(0) == 0.0);
}

// bce-label-gradient-cancels: d bce(sigmoid(z), y) / dy = (softplus(-z) - softplus(z)) / m,
// which is -z / m; at z = 1e-10 (m = 1) the difference of two values near log 2 is off by
// about 1e-17, 1e-7 relative.
BOOST_AUTO_TEST_CASE(bce_label_gradient_cancels) {
  const Eigen::VectorXd zv = Eigen::VectorXd::Constant(1, 1e-10), yv = Eigen::VectorXd::Constant(1, 0.3);
  const Eigen::VectorXd g = eval(grad(bce(sigmoid(z), y), y), bind(z = zv, y = yv));
  const double rel = std::abs(g(0) + 1e-10) / 1e-10;
  BOOST_TEST_INFO("dbce/dy at z = 1e-10 is " << g(0) << ", relative error " << rel
                                              << "; if below 1e-12, remove bce-label-gradient-cancels from laws_support.cpp");
  BOOST_TEST(rel > 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
