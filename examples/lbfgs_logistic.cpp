// L2-regularised logistic regression on the breast-cancer table, fitted with LBFGSpp (Debian's
// liblbfgspp-dev). symgrad gives the loss and the gradients of w and b; flatten() lays the two
// parameters out in the optimiser's one vector, binds them from it without copying and writes
// the gradients into its buffer. The regularisation strength is a scalar variable, bound at run
// time. The minimiser is checked against Newton's method on the same loss (the intercept as a
// column of ones, as in newton_logistic.cpp): they agree to 1e-8, or the program fails.
#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <stdexcept>

#include <Eigen/Cholesky>
#include <LBFGS.h>

#include <symgrad/symgrad.hpp>

#include "data.hpp"

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto lambda = scalar<"lambda">;

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = bce(a, y) + lambda / 2_c * (sum(w % w) + b * b);

static_assert(same_form(grad(loss, w), transpose(X) * (a - y) / m + lambda * w));
static_assert(same_form(grad(loss, b), mean(a - y) + lambda * b));

// Newton's method on [w; b] with a column of ones in the features: the same loss.
constexpr auto k = dim<"k">;
constexpr auto Xa = matrix<"Xa">(m, k);
constexpr auto v = vector<"v">(k);
constexpr auto newton_loss = bce(sigmoid(Xa * v), y) + lambda / 2_c * sum(v % v);

Eigen::VectorXd newton(const Eigen::MatrixXd& features, const Eigen::VectorXd& labels, double strength) {
  Eigen::MatrixXd with_ones(features.rows(), features.cols() + 1);
  with_ones << features, Eigen::VectorXd::Ones(features.rows());
  Eigen::VectorXd weights = Eigen::VectorXd::Zero(with_ones.cols());
  auto step = compile(grad(newton_loss, v), hessian(newton_loss, v));
  for (int i = 0; i < 50; ++i) {
    const auto& [g, H] = step(bind(Xa = with_ones, v = weights, y = labels, lambda = strength));
    if (g.norm() < 1e-14) break;
    weights -= Eigen::LDLT<Eigen::MatrixXd>(H).solve(g);
  }
  return weights;
}

int main(int argc, char** argv) try {
  const auto data = examples::load_sklearn_csv(examples::data_path(argc, argv, "breast_cancer.csv"));
  const Eigen::MatrixXd features = examples::standardise(data.features);
  const Eigen::VectorXd& labels = data.target;
  const double strength = 0.01;

  // [flatten]
  auto params = flatten(w = Eigen::VectorXd::Zero(features.cols()), b = 0.0);
  auto step = value_and_grad(loss, wrt(w, b));
  // [flatten]
  // The point with the smallest gradient seen: near the minimum the loss changes by less than
  // its rounding, and the line search may stop there with an exception.
  int calls = 0;
  Eigen::VectorXd best;
  double best_norm = INFINITY, best_value = 0;
  // [objective]
  auto objective = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    ++calls;
    const double f = params.value_and_grad(step, x, g, X = features, y = labels, lambda = strength);
    // [objective]
    if (g.norm() < best_norm) best = x, best_norm = g.norm(), best_value = f;
    return f;
  };

  LBFGSpp::LBFGSParam<double> settings;
  settings.epsilon = 1e-10;
  settings.epsilon_rel = 0;
  settings.max_iterations = 1000;
  LBFGSpp::LBFGSSolver<double> solver(settings);
  Eigen::VectorXd x = params.initial();
  int iterations = -1;
  double value = 0;
  try {
    iterations = solver.minimize(objective, x, value);
  } catch (const std::runtime_error& stop) {
    std::printf("L-BFGS stopped: %s (|gradient| %.1e)\n", stop.what(), best_norm);
  }
  x = best;

  const Eigen::VectorXd reference = newton(features, labels, strength);
  const double difference = (x - reference).cwiseAbs().maxCoeff() / reference.cwiseAbs().maxCoeff();
  std::printf("breast cancer: %ld samples, %ld features + intercept, lambda = %g\n", long(features.rows()),
              long(features.cols()), strength);
  std::printf("L-BFGS: %d iterations, %d evaluations of the loss and gradient, loss %.12f, |gradient| %.1e\n",
              iterations, calls, best_value, best_norm);
  std::printf("b = %.10f, w[0..2] = %.10f %.10f %.10f\n", x(params.size() - 1), params.view(w, x)(0, 0),
              params.view(w, x)(1, 0), params.view(w, x)(2, 0));
  std::printf("against Newton's method: largest difference %.2e relative to the largest weight\n", difference);
  if (!(difference <= 1e-8)) {
    std::fprintf(stderr, "lbfgs_logistic: L-BFGS and Newton's method disagree\n");
    return 1;
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "lbfgs_logistic: " << e.what() << "\n";
  return 1;
}
