// Logistic regression on the breast-cancer table (569 x 30) of seed 000: the gradient is
// derived and simplified at compile time, printed, checked, and used to train the model.
#include <cstdio>
#include <exception>
#include <iostream>

#include <symgrad/symgrad.hpp>

#include "data.hpp"

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = bce(a, y);

// The closed forms of seed 000, proved here as they are in test/static.
static_assert(same_form(grad(loss, w), transpose(X) * (a - y) / m));
static_assert(same_form(grad(loss, b), mean(a - y)));

int main(int argc, char** argv) try {
  const auto data = examples::load_sklearn_csv(examples::data_path(argc, argv, "breast_cancer.csv"));
  const Eigen::MatrixXd features = examples::standardise(data.features);
  const Eigen::VectorXd& labels = data.target;
  std::printf("breast cancer: %ld samples, %ld features (standardised)\n\n", long(features.rows()),
              long(features.cols()));

  std::cout << "loss      L     = " << to_string(loss) << "\n"
            << "gradient  dL/dw = " << to_string(grad(loss, w)) << "\n"
            << "          dL/db = " << to_string(grad(loss, b)) << "\n"
            << "LaTeX     dL/dw = " << to_latex(grad(loss, w)) << "\n\n";

  Eigen::VectorXd weights = Eigen::VectorXd::Zero(features.cols());
  double bias = 0.0;

  // w is bound by reference: updating `weights` in place moves the model.
  const auto start = bind(X = features, w = weights, b = bias, y = labels);
  const auto cw = check_gradient(loss, w, start);
  const auto cb = check_gradient(loss, b, start);
  std::printf("gradient check (central differences, |a - b| / (|a| + |b|)): dL/dw %.2e, dL/db %.2e\n\n",
              cw.max_relative_error, cb.max_relative_error);
  if (!(cw.max_relative_error < 1e-6 && cb.max_relative_error < 1e-6)) {
    std::cerr << "logistic_regression: the gradient disagrees with central differences\n";
    return 1;
  }

  const double learning_rate = 0.5;
  for (int step = 0; step <= 1000; ++step) {
    const auto [value, dw, db] = value_and_grad(loss, wrt(w, b), bind(X = features, w = weights, b = bias, y = labels));
    if (step % 200 == 0) std::printf("step %4d  loss %.6f\n", step, value);
    weights -= learning_rate * dw;
    bias -= learning_rate * db;
  }

  const auto [final_loss, probability] = eval_all(bind(X = features, w = weights, b = bias, y = labels), loss, a);
  const double accuracy = ((probability.array() > 0.5).cast<double>() == labels.array()).cast<double>().mean();
  std::printf("\nfinal loss %.6f, training accuracy %.4f\n", final_loss, accuracy);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "logistic_regression: " << e.what() << "\n";
  return 1;
}
