// A chain 30 operations deep, x -> f30(...f1(x)), cycling through six ops (the scaling by 3
// keeps the gradient far from 0, so that central differences can resolve it): it differentiates,
// compiles within the per-unit budget (10 s, 1 GB; see docs/compile-time.md) and its gradient
// agrees with central differences.
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto n = dim<"n">;
constexpr auto x = vector<"x">(n);

template <int Level, class E>
constexpr auto deepen(E e) {
  if constexpr (Level == 0) return e;
  else if constexpr (Level % 6 == 1) return deepen<Level - 1>(sin(e));
  else if constexpr (Level % 6 == 2) return deepen<Level - 1>(tanh(e));
  else if constexpr (Level % 6 == 3) return deepen<Level - 1>(sigmoid(e));
  else if constexpr (Level % 6 == 4) return deepen<Level - 1>(3_c * e - 2.25_c);
  else if constexpr (Level % 6 == 5) return deepen<Level - 1>(softplus(e));
  else return deepen<Level - 1>(cos(e));
}

constexpr auto f = sum(deepen<30>(x));

// The derivative of the chain by hand: the product of the 30 local derivatives.
Eigen::VectorXd by_hand(const Eigen::VectorXd& x0) {
  Eigen::VectorXd v = x0, d = Eigen::VectorXd::Ones(x0.size());
  for (int level = 30; level >= 1; --level) {
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      const double u = v(i);
      double next = 0, local = 0;
      switch (level % 6) {
        case 1: next = std::sin(u), local = std::cos(u); break;
        case 2: next = std::tanh(u), local = 1 - next * next; break;
        case 3: next = 1 / (1 + std::exp(-u)), local = next * (1 - next); break;
        case 4: next = 3 * u - 2.25, local = 3; break;
        case 5: next = std::log1p(std::exp(u)), local = 1 / (1 + std::exp(-u)); break;
        default: next = std::cos(u), local = -std::sin(u); break;
      }
      v(i) = next;
      d(i) *= local;
    }
  }
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(depth)

BOOST_AUTO_TEST_CASE(chain_of_thirty) {
  std::mt19937 gen(30);
  std::normal_distribution<double> normal;
  Eigen::VectorXd x0(7);
  for (Eigen::Index i = 0; i < x0.size(); ++i) x0(i) = normal(gen);
  const auto at = bind(x = x0);
  const Eigen::VectorXd g = symgrad::eval(grad(f, x), at);
  const Eigen::VectorXd want = by_hand(x0);
  BOOST_TEST((g - want).cwiseAbs().maxCoeff() <= 1e-13 * want.cwiseAbs().maxCoeff());
  BOOST_TEST_MESSAGE("largest gradient entry " << want.cwiseAbs().maxCoeff());
  const auto check = check_gradient(f, x, at, 1e-4);
  BOOST_TEST_MESSAGE("central differences: scaled error " << check.max_scaled_error);
  BOOST_TEST(check.max_scaled_error <= 1e-6);  // the seeds' threshold for central differences
}

BOOST_AUTO_TEST_SUITE_END()
