// Newton's method for L2-regularised logistic regression on the breast-cancer table: the
// gradient and the Hessian X^T diag(a (1 - a)) X / m + lambda I are derived at compile
// time; each step solves H d = g. It converges in a handful of steps where gradient
// descent needs thousands.
#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>

#include <Eigen/Cholesky>

#include <symgrad/symgrad.hpp>

#include "data.hpp"

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);  // features with a column of ones for the intercept
constexpr auto w = vector<"w">(n);
constexpr auto y = vector<"y">(m);

constexpr auto a = sigmoid(X * w);
constexpr auto lambda = 0.01_c;
constexpr auto loss = bce(a, y) + lambda / 2_c * sum(w % w);

static_assert(same_form(grad(loss, w), transpose(X) * (a - y) / m + lambda * w));
static_assert(same_form(hessian(loss, w), transpose(X) * diag(a % (1_c - a)) * X / m + lambda * eye<dim_t<"n">>{}));

int main(int argc, char** argv) try {
  const auto data = examples::load_sklearn_csv(examples::data_path(argc, argv, "breast_cancer.csv"));
  Eigen::MatrixXd features(data.features.rows(), data.features.cols() + 1);
  features << examples::standardise(data.features), Eigen::VectorXd::Ones(data.features.rows());
  const Eigen::VectorXd& labels = data.target;
  std::printf("breast cancer: %ld samples, %ld features + intercept\n\n", long(features.rows()),
              long(data.features.cols()));

  std::cout << "loss     L         = " << to_string(loss) << "\n"
            << "gradient dL/dw     = " << to_string(grad(loss, w)) << "\n"
            << "Hessian  d2L/dw2   = " << to_string(hessian(loss, w)) << "\n"
            << "LaTeX    d2L/dw2   = " << to_latex(hessian(loss, w)) << "\n\n";

  Eigen::VectorXd weights = Eigen::VectorXd::Zero(features.cols());
  for (int step = 0; step <= 10; ++step) {
    const auto at = bind(X = features, w = weights, y = labels);
    const auto [value, g, H] = eval_all(at, stable(loss), grad(loss, w), hessian(loss, w));
    std::printf("step %2d  loss %.12f  |gradient| %.3e\n", step, value, g.norm());
    if (g.norm() < 1e-12) break;
    weights -= Eigen::LDLT<Eigen::MatrixXd>(H).solve(g);
  }

  const Eigen::VectorXd probability = eval(a, bind(X = features, w = weights));
  const double accuracy = ((probability.array() > 0.5).cast<double>() == labels.array()).cast<double>().mean();
  std::printf("\ntraining accuracy %.4f\n", accuracy);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "newton_logistic: " << e.what() << "\n";
  return 1;
}
