// Least squares with an intercept, mean((X w + b - y)^2) and its gradient with respect to w
// and b, at (m, n) = (569, 30), (10000, 100) and (200000, 100): symgrad's compiled evaluator
// against the hand-written r = X w + b - y, g = 2 X^T r / m (backprop.hpp) and one read of X.
#include <memory>
#include <string>
#include <tuple>

#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "../test/support/linear_models.hpp"
#include "backprop.hpp"
#include "harness.hpp"

namespace bench {
namespace {

namespace sg = symgrad;
using namespace linear_models;  // X, w, b, y and the models
constexpr auto loss = linear_models::least_squares;

struct least_squares_case {
  Index rows, cols;
  unsigned seed;
  std::string name;
  std::unique_ptr<logistic_problem> problem;

  const logistic_problem& data() {
    if (!problem) {
      problem = std::make_unique<logistic_problem>(make_logistic(rows, cols, seed));
      check();
    }
    return *problem;
  }

  void check() {
    const logistic_problem& p = *problem;
    auto step = sg::value_and_grad(loss, sg::wrt(w, b));
    const auto& got = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    VectorXd r(rows), gw(cols);
    double gb = 0;
    const double value = least_squares_value_grad(p.X, p.y, p.w, p.b, r, gw, gb);
    require_agreement(name, "hand-written value", relative_difference(value, std::get<0>(got)));
    require_agreement(name, "hand-written gradient w", relative_difference(gw, std::get<1>(got)));
    require_agreement(name, "hand-written gradient b", relative_difference(gb, std::get<2>(got)));
  }
};

void bm_handwritten(benchmark::State& state, least_squares_case* c) {
  const logistic_problem& p = c->data();
  VectorXd r(c->rows), gw(c->cols);
  double gb = 0;
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(gw.data());
    return least_squares_value_grad(p.X, p.y, p.w, p.b, r, gw, gb);
  });
}

void bm_symgrad(benchmark::State& state, least_squares_case* c) {
  const logistic_problem& p = c->data();
  auto step = sg::value_and_grad(loss, sg::wrt(w, b));
  time_calls(state, p, [&] {
    const auto& result = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    return std::get<0>(result);
  });
}

}  // namespace

void register_least_squares() {
  static least_squares_case cases[] = {
      {569, 30, 4001, "least_squares/569x30", {}},
      {10000, 100, 4002, "least_squares/10000x100", {}},
      {200000, 100, 4003, "least_squares/200000x100", {}},
  };
  register_cases(cases,
                 {{"read_X", bm_read_X<least_squares_case>}, {"handwritten", bm_handwritten}, {"symgrad", bm_symgrad}});
}

}  // namespace bench
