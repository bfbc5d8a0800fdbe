// The simplifier's identities, checked with numbers: both sides of every identity that
// test/static proves evaluate to the same values (so a proof cannot rest on a wrong
// rewrite), and simplify(e) evaluates like e.
#include <boost/test/unit_test.hpp>

#include <random>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto x = vector<"x">(n);
constexpr auto v = vector<"v">(n);
constexpr auto y = vector<"y">(m);
constexpr auto z = vector<"z">(m);
constexpr auto b = scalar<"b">;

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

double max_difference(double a, double b) { return relative_error(a, b); }
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

constexpr auto s = 1_c / (1_c + exp(-z));

}  // namespace

BOOST_AUTO_TEST_SUITE(simplifier_numbers)

BOOST_AUTO_TEST_CASE(static_identities_hold_numerically) {
  same_numbers(grad(sum(s), z), s % (1_c - s));
  same_numbers(pow(x + v, 2_c) - pow(x - v, 2_c), 4_c * (x % v));
  same_numbers(grad(sum((1_c - x) / (1_c + x)), x), -2_c / pow(1_c + x, 2_c));
  same_numbers(grad(mean(pow(X * w - y, 2_c)), w), 2_c * transpose(X) * (X * w - y) / m);
  same_numbers(grad(transpose(X * w) * (X * w), w), 2_c * transpose(X) * (X * w));
  same_numbers(grad(sum(log(sigmoid(z))), z), 1_c - sigmoid(z));
  same_numbers(grad(sum(sqrt(x)), x), 1_c / (2_c * sqrt(x)));
  same_numbers(grad(-mean(y % log(s) + (1_c - y) % log(1_c - s)), z), (s - y) / m);
  same_numbers((x - x % x) / (1_c - x), x);
  same_numbers(grad(bce(sigmoid(X * w + b), y), w), transpose(X) * (sigmoid(X * w + b) - y) / m);
  same_numbers(grad(bce(sigmoid(X * w + b), y), b), mean(sigmoid(X * w + b) - y));
}

BOOST_AUTO_TEST_CASE(simplify_keeps_values) {
  simplifies_faithfully(bce(sigmoid(X * w + b), y));
  simplifies_faithfully(transpose(transpose(X) * (y - z)) * transpose(X) * z);
  simplifies_faithfully(sum(exp(log(x + 1_c)) / (x + 1_c) % v) * b - mean(v));
  simplifies_faithfully(pow(x % v + 2_c, 3_c) / (1_c + x % x));
}

BOOST_AUTO_TEST_SUITE_END()
