// Poisson regression, mean(exp(X w + b) - y .* (X w + b)), and Huber regression with
// delta = 1, at (m, n) = (569, 30), (10000, 100) and (200000, 100): symgrad's compiled evaluator
// against the hand-written closed forms (r = exp(z) - y or clip(z - y, -1, 1), g = X^T r / m)
// and one read of X. Counts y are 0 to 3; the logits of make_logistic are about standard
// normal, so exp(z) is a realistic rate.
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
using namespace linear_models;  // X, w, b, y
constexpr auto poisson = sg::poisson_nll(X * w + b, y);
constexpr auto huber = sg::huber(X * w + b, y, sg::constant<sg::rat{1, 1}>{});

double poisson_value_grad(const MatrixXd& Xv, const VectorXd& yv, const VectorXd& wv, double bv, VectorXd& z,
                          VectorXd& r, VectorXd& gw, double& gb) {
  const double m = double(Xv.rows());
  z.noalias() = Xv * wv;
  z.array() += bv;
  r.array() = z.array().exp();
  const double value = (r.array() - yv.array() * z.array()).sum() / m;
  r -= yv;
  gw.noalias() = Xv.transpose() * r;
  gw /= m;
  gb = r.sum() / m;
  return value;
}

double huber_value_grad(const MatrixXd& Xv, const VectorXd& yv, const VectorXd& wv, double bv, VectorXd& z,
                        VectorXd& r, VectorXd& gw, double& gb) {
  const double m = double(Xv.rows());
  z.noalias() = Xv * wv;
  z.array() += bv - yv.array();
  r.array() = z.array().max(-1.0).min(1.0);
  const double value = (r.array() * (z.array() - 0.5 * r.array())).sum() / m;
  gw.noalias() = Xv.transpose() * r;
  gw /= m;
  gb = r.sum() / m;
  return value;
}

using value_grad_fn = double (*)(const MatrixXd&, const VectorXd&, const VectorXd&, double, VectorXd&, VectorXd&,
                                 VectorXd&, double&);

template <class Loss>
struct robust_case {
  Index rows, cols;
  unsigned seed;
  std::string name;
  value_grad_fn by_hand;
  std::unique_ptr<logistic_problem> problem;

  const logistic_problem& data() {
    if (!problem) {
      problem = std::make_unique<logistic_problem>(make_logistic(rows, cols, seed));
      // Counts 0 to 3 from the 0/1 labels and the row index, so both losses see spread targets.
      for (Index i = 0; i < rows; ++i) problem->y(i) += double(i % 3);
      check();
    }
    return *problem;
  }

  void check() {
    const logistic_problem& p = *problem;
    auto step = sg::value_and_grad(Loss{}, sg::wrt(w, b));
    const auto& got = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    VectorXd z(rows), r(rows), gw(cols);
    double gb = 0;
    const double value = by_hand(p.X, p.y, p.w, p.b, z, r, gw, gb);
    require_agreement(name, "hand-written value", relative_difference(value, std::get<0>(got)), 1e-12);
    require_agreement(name, "hand-written gradient w", relative_difference(gw, std::get<1>(got)), 1e-12);
    require_agreement(name, "hand-written gradient b", relative_difference(gb, std::get<2>(got)), 1e-12);
  }
};

template <class Case>
void bm_handwritten(benchmark::State& state, Case* c) {
  const logistic_problem& p = c->data();
  VectorXd z(c->rows), r(c->rows), gw(c->cols);
  double gb = 0;
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(gw.data());
    return c->by_hand(p.X, p.y, p.w, p.b, z, r, gw, gb);
  });
}

template <class Loss>
void bm_symgrad(benchmark::State& state, robust_case<Loss>* c) {
  const logistic_problem& p = c->data();
  auto step = sg::value_and_grad(Loss{}, sg::wrt(w, b));
  time_calls(state, p, [&] {
    const auto& result = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    return std::get<0>(result);
  });
}

template <class Loss>
void register_model(robust_case<Loss> (&cases)[3]) {
  using C = robust_case<Loss>;
  register_cases(cases, {{"read_X", bm_read_X<C>}, {"handwritten", bm_handwritten<C>}, {"symgrad", bm_symgrad<Loss>}});
}

}  // namespace

void register_robust() {
  using P = decltype(poisson);
  using H = decltype(huber);
  static robust_case<P> poisson_cases[] = {
      {569, 30, 5001, "poisson/569x30", poisson_value_grad, {}},
      {10000, 100, 5002, "poisson/10000x100", poisson_value_grad, {}},
      {200000, 100, 5003, "poisson/200000x100", poisson_value_grad, {}},
  };
  static robust_case<H> huber_cases[] = {
      {569, 30, 6001, "huber/569x30", huber_value_grad, {}},
      {10000, 100, 6002, "huber/10000x100", huber_value_grad, {}},
      {200000, 100, 6003, "huber/200000x100", huber_value_grad, {}},
  };
  register_model(poisson_cases);
  register_model(huber_cases);
}

}  // namespace bench
