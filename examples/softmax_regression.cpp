// Softmax regression on the digits table (1797 images of 8 x 8 pixels, ten classes): the
// gradient of the cross-entropy is derived at compile time, proved equal to the textbook
// X^T (P - Y) / m, printed, checked against central differences and used to train.
#include <cstdio>
#include <exception>
#include <iostream>

#include <symgrad/symgrad.hpp>

#include "data.hpp"

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto k = dim<"k">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto W = matrix<"W">(n, k);
constexpr auto b = row_vector<"b">(k);               // one bias per class, broadcast over the rows
constexpr auto Y = matrix<"Y", sums_to_one>(m, k);  // one-hot labels: each row sums to one

constexpr auto P = softmax(X * W + b);
constexpr auto loss = cross_entropy(P, Y);

// The closed forms hold because Y's rows sum to one; the library proves them here.
static_assert(same_form(grad(loss, W), transpose(X) * (P - Y) / m));
static_assert(same_form(grad(loss, b), col_means(P - Y)));

using examples::accuracy;

int main(int argc, char** argv) try {
  const auto data = examples::load_plain_csv(examples::data_path(argc, argv, "digits.csv"), 64);
  const Eigen::Index classes = 10, train = 1500, held_out = data.features.rows() - train;
  const Eigen::MatrixXd pixels = data.features / 16.0;  // 0..16 -> 0..1
  const Eigen::MatrixXd X_train = pixels.topRows(train), X_test = pixels.bottomRows(held_out);
  const Eigen::VectorXd l_train = data.target.head(train), l_test = data.target.tail(held_out);
  const Eigen::MatrixXd Y_train = one_hot(l_train, classes), Y_test = one_hot(l_test, classes);
  std::printf("digits: %ld samples of %ld pixels, %ld classes; training on %ld, holding out %ld\n\n",
              long(pixels.rows()), long(pixels.cols()), long(classes), long(train), long(held_out));

  std::cout << "loss      L     = " << to_string(loss) << "\n"
            << "gradient  dL/dW = " << to_string(grad(loss, W)) << "\n"
            << "          dL/db = " << to_string(grad(loss, b)) << "\n"
            << "LaTeX     dL/dW = " << to_latex(grad(loss, W)) << "\n\n";

  Eigen::MatrixXd weights = Eigen::MatrixXd::Zero(pixels.cols(), classes);
  Eigen::RowVectorXd bias = Eigen::RowVectorXd::Zero(classes);

  // A small random start, so that the check sees a gradient with structure.
  weights = 0.01 * Eigen::MatrixXd::Random(pixels.cols(), classes);
  const auto start = bind(X = X_train, W = weights, b = bias, Y = Y_train);
  const auto cW = check_gradient(loss, W, start);
  const auto cb = check_gradient(loss, b, start);
  // Many pixels are rarely lit, so some gradient entries are a million times smaller than
  // the largest; central differences' rounding (~1e-10 here) swamps those alone, so the
  // check is on the gradient's scale: max |a - b| / max |a|.
  std::printf("gradient check (central differences, max |a - b| / max |a|): dL/dW %.2e, dL/db %.2e\n\n",
              cW.max_scaled_error, cb.max_scaled_error);
  if (!(cW.max_scaled_error < 1e-6 && cb.max_scaled_error < 1e-6)) {
    std::cerr << "softmax_regression: the gradient disagrees with central differences\n";
    return 1;
  }

  const double learning_rate = 1.0;
  for (int step = 0; step <= 2000; ++step) {
    const auto [value, dW, db] = value_and_grad(loss, wrt(W, b), bind(X = X_train, W = weights, b = bias, Y = Y_train));
    if (step % 400 == 0) std::printf("step %4d  loss %.6f\n", step, value);
    weights -= learning_rate * dW;
    bias -= learning_rate * db;
  }

  const Eigen::MatrixXd p_train = eval(P, bind(X = X_train, W = weights, b = bias));
  const Eigen::MatrixXd p_test = eval(P, bind(X = X_test, W = weights, b = bias));
  std::printf("\naccuracy: training %.4f, held out %.4f\n", accuracy(p_train, l_train), accuracy(p_test, l_test));
  return 0;
} catch (const std::exception& e) {
  std::cerr << "softmax_regression: " << e.what() << "\n";
  return 1;
}
