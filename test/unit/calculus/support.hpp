#pragma once
// Every derivative rule against central differences: one law, every op (algebra.cpp,
// functions.cpp, compositions.cpp).
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

namespace calculus_test {

using namespace symgrad;

inline constexpr auto n = dim<"n">;
inline constexpr auto k = dim<"k">;
inline constexpr auto x = vector<"x">(n);
inline constexpr auto v = vector<"v">(n);
inline constexpr auto A = matrix<"A">(k, n);
inline constexpr auto s = scalar<"s">;

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

}  // namespace calculus_test

