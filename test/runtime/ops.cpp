// Every derivative rule against central differences: one law, every op.
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto n = dim<"n">;
constexpr auto k = dim<"k">;
constexpr auto x = vector<"x">(n);
constexpr auto v = vector<"v">(n);
constexpr auto A = matrix<"A">(k, n);
constexpr auto s = scalar<"s">;

// Points inside every function's domain (log, sqrt, pow with fractional exponents need x > 0).
struct point {
  Eigen::VectorXd x0, v0;
  Eigen::MatrixXd a0;
  double s0;
  explicit point(unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> positive(0.2, 2.0), any(-1.5, 1.5);
    x0 = Eigen::VectorXd::NullaryExpr(6, [&] { return positive(gen); });
    v0 = Eigen::VectorXd::NullaryExpr(6, [&] { return any(gen); });
    a0 = Eigen::MatrixXd::NullaryExpr(4, 6, [&] { return any(gen); });
    s0 = positive(gen);
  }
  auto at() const { return bind(x = x0, v = v0, A = a0, s = s0); }
};

template <class F, class... V>
void check_all(F f, V... vars) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const point p(seed);
    (
        [&] {
          const auto r = check_gradient(f, vars, p.at(), 1e-5);
          BOOST_TEST_INFO("seed " << seed << ", variable " << V::name() << ", worst entry " << r.worst_index
                                  << ": analytic " << r.analytic << ", numeric " << r.numeric);
          // Entries go down to ~1e-4, where the round-off of a central difference with
          // h = 1e-5 (~1e-11 absolute) is ~1e-7 relative; a wrong rule is off by O(1).
          BOOST_TEST(r.max_relative_error < 1e-6);
        }(),
        ...);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_against_central_differences)

BOOST_AUTO_TEST_CASE(elementwise_functions) {
  check_all(sum(exp(x)), x);
  check_all(sum(log(x)), x);
  check_all(sum(sin(x)), x);
  check_all(sum(cos(x)), x);
  check_all(sum(tanh(x)), x);
  check_all(sum(sigmoid(x)), x);
  check_all(sum(softplus(x)), x);
  check_all(sum(sqrt(x)), x);
  check_all(sum(pow(x, 3_c)), x);
  check_all(sum(pow(x, -1.5_c)), x);
}

BOOST_AUTO_TEST_CASE(arithmetic_and_broadcasting) {
  check_all(sum(x % v + x / (1_c + v % v) - v), x, v);
  check_all(sum(s * x - s / x + s), x, s);
  check_all(mean(-(x % x) / s), x, s);
}

BOOST_AUTO_TEST_CASE(matrix_calculus) {
  check_all(sum(sigmoid(A * x)), A, x);
  check_all(sum(transpose(A) * (A * x)), A, x);
  check_all(transpose(A * x) * (A * v), A, x, v);
  check_all(mean(pow(A * x - s, 2_c)), A, x, s);
}

BOOST_AUTO_TEST_CASE(compositions) {
  check_all(sum(log(1_c + exp(sin(x) % v))), x, v);
  check_all(sum(tanh(A * (x / s))) / s, A, x, s);
  check_all(bce(sigmoid(A * v + s), sigmoid(A * x)), A, x, v, s);
}

BOOST_AUTO_TEST_SUITE_END()
