// The program behind docs/adding-an-op.md: two new elementwise functions, arctan (one
// argument) and logaddexp (two), added from user code through symgrad's public customisation
// point, without editing the library. Every code block of that page is cut from this file, and
// its output block is what this program prints.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iostream>
#include <string_view>

#include <symgrad/symgrad.hpp>

using namespace symgrad::literals;

// [function]
namespace mylib {

struct arctan_op : symgrad::user_function {
  static constexpr std::string_view name = "arctan";  // as printed: arctan(x)
  static constexpr bool latex_command = true;         // LaTeX has \arctan
  // The value, entry by entry.
  static double value(double x) { return std::atan(x); }
  // The derivative arctan'(u) = 1 / (1 + u^2), as an expression.
  template <class A>
  static constexpr auto derivative(A u) {
    return 1_c / (1_c + symgrad::pow(u, 2_c));
  }
};

// The builder, called as arctan(X * w).
template <symgrad::operand A>
constexpr auto arctan(A a) {
  return symgrad::elementwise<arctan_op>(a);
}

}  // namespace mylib
// [function]

// [binary]
namespace mylib {

// log(exp(a) + exp(b)), without overflow: max(a, b) + log1p(exp(-|a - b|)).
struct logaddexp_op : symgrad::user_function {
  static constexpr std::string_view name = "logaddexp";
  static double value(double a, double b) { return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b))); }
  // d/da = sigmoid(a - b), d/db = sigmoid(b - a).
  template <std::size_t I, class A, class B>
  static constexpr auto derivative(A a, B b) {
    if constexpr (I == 0) return symgrad::sigmoid(a - b);
    else return symgrad::sigmoid(b - a);
  }
};

// Two operands broadcast as + does: a scalar over a vector, a row over the rows of a matrix.
template <symgrad::operand A, symgrad::operand B>
constexpr auto logaddexp(A a, B b) {
  return symgrad::elementwise<logaddexp_op>(a, b);
}

}  // namespace mylib
// [binary]

// [model]
using namespace symgrad;
using mylib::arctan;
using mylib::logaddexp;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto y = vector<"y">(m);
constexpr auto b = scalar<"b">;
constexpr auto x = vector<"x">(n);

// Predictions squashed into (-pi/2, pi/2), under the mean squared error.
constexpr auto loss = mse(arctan(X * w), y);
// A smooth maximum of the scores and a floor b, averaged.
constexpr auto soft_floor = mean(logaddexp(X * w, b));
// [model]

// [static_test]
static_assert(same_form(grad(sum(arctan(x)), x), 1_c / (1_c + pow(x, 2_c))));
static_assert(same_form(grad(loss, w), 2_c * transpose(X) * ((arctan(X * w) - y) / (1_c + pow(X * w, 2_c))) / m));
static_assert(same_form(grad(soft_floor, b), mean(sigmoid(b - X * w))));
// [static_test]

int main() {
  // [print]
  std::cout << "d/dx sum(arctan(x)) = " << to_string(grad(sum(arctan(x)), x)) << "\n";
  std::cout << "dL/dw = " << to_string(grad(loss, w)) << "\n";
  std::cout << "LaTeX:  " << to_latex(grad(loss, w)) << "\n";
  std::cout << "d soft_floor / dw = " << to_string(grad(soft_floor, w)) << "\n";
  // [print]

  // [evaluate]
  Eigen::MatrixXd features(4, 2);
  features << 1.0, 2.0,
              0.5, -1.0,
              -1.5, 0.3,
              2.0, 0.0;
  Eigen::VectorXd targets(4);
  targets << 1, 0, -1, 1;
  Eigen::VectorXd weights(2);
  weights << 0.1, -0.2;

  const auto at = bind(X = features, w = weights, y = targets, b = 0.25);
  const auto [value, gw] = value_and_grad(loss, wrt(w), at);
  std::cout << "L = " << value << ", dL/dw = " << gw.transpose() << "\n";
  const Eigen::VectorXd scores = features * weights;
  std::cout << "arctan(X w) = " << eval(arctan(X * w), at).transpose() << " (std::atan: "
            << scores.array().atan().transpose() << ")\n";
  std::cout << "logaddexp(X w, b) = " << eval(logaddexp(X * w, b), at).transpose() << " (by hand: "
            << (scores.array().exp() + std::exp(0.25)).log().transpose() << ")\n";
  // [evaluate]

  // [check]
  const gradient_check_result check = check_gradient(loss, w, at);
  const gradient_check_result check_floor = check_gradient(soft_floor, w, at);
  const bool agree = check.max_relative_error < 1e-6 && check_floor.max_relative_error < 1e-6;
  std::cout << "against central differences: " << (agree ? "both agree" : "DIFFER")
            << " (relative error below 1e-6)\n";
  // [check]
  return agree ? 0 : 1;
}
