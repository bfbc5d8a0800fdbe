// The program behind docs/getting-started.md: every code block of that page is cut from
// this file, and its output block is what this program prints.
#include <iostream>

// [include]
#include <symgrad/symgrad.hpp>
using namespace symgrad;
// [include]

// [model]
constexpr auto m = dim<"m">;  // symbolic sizes: the number of samples
constexpr auto n = dim<"n">;  // and of features

constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = bce(a, y);
// [model]

// [proof]
constexpr auto dw = grad(loss, w);
static_assert(same_form(dw, transpose(X) * (a - y) / m));
// [proof]

// [hyperparameter]
constexpr auto lambda = scalar<"lambda">;  // the L2 strength: chosen at run time, so a variable
constexpr auto regularised = loss + lambda / 2_c * sum(w % w);
static_assert(same_form(grad(regularised, w), transpose(X) * (a - y) / m + lambda * w));
// [hyperparameter]

int main() {
  // [print]
  std::cout << "dL/dw = " << to_string(dw) << "\n";
  std::cout << "LaTeX:  " << to_latex(dw) << "\n";
  std::cout << "dL/db = " << to_string(grad(loss, b)) << "\n";
  // [print]

  // [evaluate]
  Eigen::MatrixXd features(4, 2);
  features << 1.0, 2.0,
              0.5, -1.0,
              -1.5, 0.3,
              2.0, 0.0;
  Eigen::VectorXd labels(4);
  labels << 1, 0, 0, 1;
  Eigen::VectorXd weights(2);
  weights << 0.1, -0.2;

  // Names are bound to Eigen objects, which are referenced, not copied.
  const auto at = bind(X = features, w = weights, b = 0.5, y = labels);
  const auto [value, gw, gb] = value_and_grad(loss, wrt(w, b), at);
  std::cout << "L = " << value << "\ndL/dw = " << gw.transpose() << "\ndL/db = " << gb << "\n";
  // [evaluate]

  // [evaluate_one]
  const Eigen::VectorXd probabilities = eval(a, at);
  std::cout << "a = " << probabilities.transpose() << "\n";
  // [evaluate_one]

  // [hyperparameter_bind]
  std::cout << "dL/dw = " << to_string(grad(regularised, w)) << "\n";
  for (const double strength : {0.0, 0.1, 1.0}) {
    const auto [value, gw] = value_and_grad(regularised, wrt(w), at.with(lambda = strength));
    std::cout << "lambda = " << strength << ": L = " << value << ", dL/dw = " << gw.transpose() << "\n";
  }
  // [hyperparameter_bind]
}
