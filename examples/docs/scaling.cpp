// The program behind docs/scaling.md: every code block of that page is cut from this file, and
// its output block is what this program prints.
#include <cstddef>
#include <iostream>
#include <random>
#include <tuple>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto loss = bce(sigmoid(X * w + b), y);

int main() {
  // 50000 rows of 40 features: 16 MB, more than a cache, so the plan runs in blocks of rows.
  std::mt19937 gen(7);
  std::normal_distribution<double> normal;
  const Eigen::MatrixXd features = Eigen::MatrixXd::NullaryExpr(50000, 40, [&] { return normal(gen); });
  Eigen::VectorXd labels(50000);
  for (Eigen::Index i = 0; i < 50000; ++i)
    labels(i) = features(i, 0) + 0.5 * features(i, 1) + 0.5 * normal(gen) > 0 ? 1.0 : 0.0;
  Eigen::VectorXd weights = Eigen::VectorXd::Zero(40);
  double bias = 0;

  // [threads]
  auto step = value_and_grad(loss, wrt(w, b), threads(2));  // this thread and one it keeps
  for (int it = 0; it < 100; ++it) {
    const auto [L, dw, db] = step(bind(X = features, w = weights, b = bias, y = labels));
    weights -= 0.5 * dw;
    bias -= 0.5 * db;
  }
  // [threads]
  std::cout << "after 100 steps with " << step.thread_count() << " threads: L = "
            << std::get<0>(step(bind(X = features, w = weights, b = bias, y = labels))) << "\n";

  // [same_bits]
  const auto at = bind(X = features, w = weights, b = bias, y = labels);
  auto one = value_and_grad(loss, wrt(w, b));                // one thread
  auto three = compile(threads(3), stable(loss), grad(loss, w), grad(loss, b));
  const bool same = one(at) == three(at) && one(at) == value_and_grad(loss, wrt(w, b), at);
  // [same_bits]
  std::cout << "1 thread, 3 threads and eval_all: " << (same ? "the same bits" : "different") << "\n";
  return same ? 0 : 1;
}
