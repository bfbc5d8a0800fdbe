// The simplifier's identities, checked with numbers (identities.cpp, values.cpp): both sides
// of every identity that test/static proves evaluate to the same values (so a proof cannot
// rest on a wrong rewrite), and simplify(e) evaluates like e.
#pragma once
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

namespace simplify_test {

using namespace symgrad;

inline constexpr auto m = dim<"m">;
inline constexpr auto n = dim<"n">;
inline constexpr auto X = matrix<"X">(m, n);
inline constexpr auto w = vector<"w">(n);
inline constexpr auto x = vector<"x">(n);
inline constexpr auto v = vector<"v">(n);
inline constexpr auto y = vector<"y">(m);
inline constexpr auto z = vector<"z">(m);
inline constexpr auto b = scalar<"b">;

struct point {
  Eigen::MatrixXd x_;
  Eigen::VectorXd w_, xv_, v_, y_, z_;
  double b_;
  explicit point(unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> unit(0.05, 0.95), any(-1.0, 1.0);
    x_ = Eigen::MatrixXd::NullaryExpr(9, 4, [&] { return any(gen); });
    w_ = Eigen::VectorXd::NullaryExpr(4, [&] { return any(gen); });
    xv_ = Eigen::VectorXd::NullaryExpr(4, [&] { return unit(gen); });
    v_ = Eigen::VectorXd::NullaryExpr(4, [&] { return any(gen); });
    y_ = Eigen::VectorXd::NullaryExpr(9, [&] { return unit(gen); });
    z_ = Eigen::VectorXd::NullaryExpr(9, [&] { return any(gen); });
    b_ = any(gen);
  }
  auto at() const { return bind(X = x_, w = w_, x = xv_, v = v_, y = y_, z = z_, b = b_); }
};

inline double max_difference(double a, double b) { return relative_error(a, b); }
template <class D1, class D2>
double max_difference(const Eigen::MatrixBase<D1>& a, const Eigen::MatrixBase<D2>& b) {
  BOOST_TEST_REQUIRE(a.rows() == b.rows());
  BOOST_TEST_REQUIRE(a.cols() == b.cols());
  double worst = 0;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index i = 0; i < a.rows(); ++i) worst = std::max(worst, relative_error(a(i, j), b(i, j)));
  return worst;
}

template <class L, class R>
void same_numbers(L lhs, R rhs) {
  for (unsigned seed : {1u, 2u}) {
    const auto [l, r] = eval_all(point(seed).at(), lhs, rhs);
    BOOST_TEST(max_difference(l, r) < 1e-12, to_string(lhs) << "  vs  " << to_string(rhs));
  }
}

template <class E>
void simplifies_faithfully(E e) { same_numbers(e, simplify(e)); }

inline constexpr auto s = 1_c / (1_c + exp(-z));

}  // namespace simplify_test

