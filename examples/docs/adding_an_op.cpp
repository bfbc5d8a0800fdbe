// The program behind docs/adding-an-op.md: a new elementwise function, arctan, added from
// user code without editing the library. Every code block of that page is cut from this file,
// and its output block is what this program prints.
#include <cmath>
#include <iostream>
#include <string_view>

#include <symgrad/symgrad.hpp>

// [tag]
namespace mylib {

struct arctan_op {
  static constexpr std::string_view name = "arctan";  // as printed: arctan(x)
  static constexpr int rank = 30;  // its place in the canonical order of the simplifier
};

}  // namespace mylib

// The simplifier, the derivative sweep and the evaluator treat it as an elementwise function.
namespace symgrad::op {
template <>
inline constexpr bool is_function_v<mylib::arctan_op> = true;
}  // namespace symgrad::op
// [tag]

namespace mylib {

// [builder]
template <symgrad::operand A>
constexpr auto arctan(A a) {
  return symgrad::make_unary<arctan_op>(a);  // node<arctan_op, A>
}
// [builder]

// [derivative]
// arctan'(u) = 1 / (1 + u^2). Found by argument-dependent lookup: it lives beside arctan_op.
template <class A>
constexpr auto derivative(arctan_op, A u) {
  using namespace symgrad::literals;
  return 1_c / (1_c + symgrad::pow(u, 2_c));
}
// [derivative]

// [scalar_kernel]
// For a scalar operand; found by argument-dependent lookup, like derivative.
inline double fn(arctan_op, double x) { return std::atan(x); }
// [scalar_kernel]

}  // namespace mylib

// [array_kernel]
// For a vector or matrix operand: d and x map contiguous segments as Eigen arrays.
namespace symgrad::eval_detail {
template <>
struct array_fn<mylib::arctan_op> {
  template <class D, class X>
  static void eval(D& d, const X& x) { d = x.atan(); }
};
}  // namespace symgrad::eval_detail
// [array_kernel]

// [facts]
// arctan(0) = 0, exactly.
namespace symgrad::cas {
template <>
struct exact_value<mylib::arctan_op, zero_r> {
  static constexpr bool known = true;
  static constexpr rat value = zero_r;
};
}  // namespace symgrad::cas
// [facts]

// [latex]
// LaTeX has \arctan: print it as a named function instead of \operatorname{arctan}.
namespace symgrad::print_detail {
template <>
inline constexpr kind op_kind<mylib::arctan_op> = kind::function;
}  // namespace symgrad::print_detail
// [latex]

// [model]
using namespace symgrad;
using mylib::arctan;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto y = vector<"y">(m);
constexpr auto b = scalar<"b">;
constexpr auto x = vector<"x">(n);
constexpr auto t = scalar<"t">;

// Predictions squashed into (-pi/2, pi/2), under the mean squared error.
constexpr auto loss = mse(arctan(X * w), y);
// [model]

// [static_test]
static_assert(same_form(grad(sum(arctan(x)), x), 1_c / (1_c + pow(x, 2_c))));
static_assert(same_form(grad(loss, w), 2_c * transpose(X) * ((arctan(X * w) - y) / (1_c + pow(X * w, 2_c))) / m));
static_assert(same_form(arctan(0_c) + t, t));  // the exact value
// [static_test]

int main() {
  // [print]
  std::cout << "d/dx sum(arctan(x)) = " << to_string(grad(sum(arctan(x)), x)) << "\n";
  std::cout << "dL/dw = " << to_string(grad(loss, w)) << "\n";
  std::cout << "LaTeX:  " << to_latex(grad(loss, w)) << "\n";
  std::cout << "with a bias b: " << to_string(grad(mse(arctan(X * w + b), y), w)) << "\n";
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

  const auto at = bind(X = features, w = weights, y = targets, t = 1.0);
  const auto [value, gw] = value_and_grad(loss, wrt(w), at);
  std::cout << "L = " << value << ", dL/dw = " << gw.transpose() << "\n";
  // Both kernels against the standard library: the array one for X w, the scalar one for t.
  const Eigen::VectorXd scores = features * weights;
  std::cout << "arctan(X w) = " << eval(arctan(X * w), at).transpose() << " (Eigen: "
            << scores.array().atan().transpose() << ")\n";
  std::cout << "4 arctan(t) = " << eval(4_c * arctan(t), at) << " at t = 1\n";
  // [evaluate]

  // [check]
  const gradient_check_result check = check_gradient(loss, w, at);
  std::cout << "against central differences: " << (check.max_relative_error < 1e-6 ? "agrees" : "DIFFERS")
            << " (" << check.entries << " entries, relative error below 1e-6)\n";
  // [check]
  return check.max_relative_error < 1e-6 ? 0 : 1;
}
