// The program behind the example at the top of README.md (docs/src/README.md).
#include <iostream>

// [readme]
#include <symgrad/symgrad.hpp>
using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = bce(a, y);

static_assert(same_form(grad(loss, w), transpose(X) * (a - y) / m));  // proved by the compiler

int main() {
  std::cout << to_string(grad(loss, w)) << "\n" << to_latex(grad(loss, w)) << "\n";

  Eigen::MatrixXd data = Eigen::MatrixXd::Random(100, 3);
  Eigen::VectorXd labels = (data.col(0).array() > 0).cast<double>();
  Eigen::VectorXd w0 = Eigen::VectorXd::Zero(3);
  auto [L, dw, db] = value_and_grad(loss, wrt(w, b), bind(X = data, w = w0, b = 0.0, y = labels));
  std::cout << "L = " << L << ", |dL/dw| = " << dw.norm() << ", dL/db = " << db << "\n";
}
// [readme]
