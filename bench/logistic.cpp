// Logistic regression, the loss and its gradient with respect to w and b, at (m, n) =
// (569, 30), (3000, 100), (10000, 100) and (200000, 100): symgrad's value_and_grad (one
// thread, and two) against the hand-written closed form, ADOL-C (tape reused, and re-taped
// every call) and one read of X; and in float (the same data rounded to float), symgrad's
// against the hand-written code in float.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <adolc/adolc.h>
#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "../test/support/linear_models.hpp"
#include "handwritten.hpp"
#include "harness.hpp"

namespace bench {

// ---- ADOL-C recordings (also used by hessian.cpp) ---------------------------------------------

double record_logistic(short tag, int keep, const logistic_problem& p, const double* x, bool with_bias,
                       const tape_sizes& sizes) {
  const Index m = p.X.rows(), n = p.X.cols();
  trace_on(tag, keep, sizes.ops, sizes.locations, sizes.values, sizes.taylors);
  std::vector<adouble> w(static_cast<std::size_t>(n));
  for (Index j = 0; j < n; ++j) w[static_cast<std::size_t>(j)] <<= x[j];
  adouble b;
  if (with_bias) b <<= x[n];
  else b = p.b;
  adouble total = 0.0;
  for (Index i = 0; i < m; ++i) {
    adouble z = b;
    for (Index j = 0; j < n; ++j) z += p.X(i, j) * w[static_cast<std::size_t>(j)];
    total += fmax(z, 0.0) + log(1.0 + exp(-fabs(z)));
    if (p.y[i] != 0.0) total -= p.y[i] * z;
  }
  adouble loss = total / double(m);
  double value = 0.0;
  loss >>= value;
  trace_off();
  return value;
}

double tape_megabytes(short tag, const std::string& bench_case) {
  std::size_t stats[STAT_SIZE];
  tapestats(tag, stats);
  if (stats[OP_FILE_ACCESS] || stats[LOC_FILE_ACCESS] || stats[VAL_FILE_ACCESS])
    std::fprintf(stderr, "symgrad bench: %s: warning: ADOL-C wrote its tape to files; its timings include file I/O\n",
                 bench_case.c_str());
  return (double(stats[NUM_OPERATIONS]) + 4.0 * double(stats[NUM_LOCATIONS]) + 8.0 * double(stats[NUM_VALUES])) / 1e6;
}

namespace {

namespace sg = symgrad;

using namespace linear_models;  // X, w, b, y and the models
constexpr auto loss = linear_models::logistic;

auto symgrad_value_grad(const logistic_problem& p) {
  return sg::value_and_grad(loss, sg::wrt(w, b), sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
}

// The problem's data rounded to float, and the hand-written two-pass code in float.
struct float_problem {
  Eigen::MatrixXf X;
  Eigen::VectorXf y, w;
  float b;
  explicit float_problem(const logistic_problem& p)
      : X(p.X.cast<float>()), y(p.y.cast<float>()), w(p.w.cast<float>()), b(static_cast<float>(p.b)) {}
};

struct float_workspace {
  Eigen::VectorXf z, e, r;
  explicit float_workspace(Index m) : z(m), e(m), r(m) {}
};

float logistic_value_grad_float(const float_problem& p, float_workspace& ws, Eigen::VectorXf& gw, float& gb) {
  const float inv_m = 1.0f / float(p.X.rows());
  ws.z.noalias() = p.X * p.w;
  ws.z.array() += p.b;
  const auto z = ws.z.array();
  auto e = ws.e.array();
  e = (-z.abs()).exp();
  const float loss = (z.max(0.0f) + e.log1p() - p.y.array() * z).sum() * inv_m;
  ws.r.array() = ((z >= 0.0f).select(1.0f, e) / (1.0f + e) - p.y.array()) * inv_m;
  gw.noalias() = p.X.transpose() * ws.r;
  gb = ws.r.sum();
  return loss;
}

struct logistic_case : adolc_state {  // point: (w, b), ADOL-C's independents
  Index rows, cols;
  unsigned seed;
  std::string name;
  std::unique_ptr<logistic_problem> problem;
  std::unique_ptr<float_problem> single;

  // The float data, made on first use; the first use checks symgrad's float gradient against
  // the hand-written float code and against symgrad's double one (to float's precision).
  const float_problem& float_data() {
    if (!single) {
      const logistic_problem& p = data();
      single = std::make_unique<float_problem>(p);
      const float_problem& f = *single;
      const auto got = sg::value_and_grad(loss, sg::wrt(w, b), sg::bind(X = f.X, w = f.w, b = double(f.b), y = f.y));
      float_workspace ws(rows);
      Eigen::VectorXf gw(cols);
      float gb = 0;
      const float v = logistic_value_grad_float(f, ws, gw, gb);
      require_agreement(name, "float hand-written value", relative_difference(v, std::get<0>(got)), 1e-5);
      require_agreement(name, "float hand-written gradient w",
                        relative_difference(gw.cast<double>(), std::get<1>(got).cast<double>()), 1e-4);
      const auto want = symgrad_value_grad(p);
      require_agreement(name, "float symgrad value", relative_difference(std::get<0>(got), std::get<0>(want)), 1e-5);
      require_agreement(name, "float symgrad gradient w",
                        relative_difference(std::get<1>(got).cast<double>(), std::get<1>(want)), 1e-4);
    }
    return *single;
  }

  logistic_case(Index r, Index c, unsigned s, std::string n) : rows(r), cols(c), seed(s), name(std::move(n)) {}

  // The data, made on first use; the first use also checks every method against symgrad.
  const logistic_problem& data() {
    if (!problem) {
      problem = std::make_unique<logistic_problem>(make_logistic(rows, cols, seed));
      const logistic_problem& p = *problem;
      point.assign(p.w.data(), p.w.data() + cols);
      point.push_back(p.b);
      sizes = estimate_tape(std::size_t(rows * cols), std::size_t(rows));
      check();
    }
    return *problem;
  }

  double record(int keep) { return record_logistic(adolc_tag, keep, *problem, point.data(), true, sizes); }

  void check() {
    const logistic_problem& p = *problem;
    // Named variables, not structured bindings: clang 14 cannot capture those in a lambda.
    const auto want = symgrad_value_grad(p);
    const double value = std::get<0>(want);
    const VectorXd& gw = std::get<1>(want);
    const double gb = std::get<2>(want);
    const auto compare = [&](const std::string& what, double v, const VectorXd& gw2, double gb2) {
      require_agreement(name, what + " value", relative_difference(v, value));
      require_agreement(name, what + " gradient w", relative_difference(gw2, gw));
      require_agreement(name, what + " gradient b", relative_difference(gb2, gb));
    };
    logistic_workspace ws(rows);
    VectorXd gw2(cols);
    double gb2 = 0;
    double v = logistic_value_grad(p.X, p.y, p.w, p.b, ws, gw2, gb2);
    compare("hand-written", v, gw2, gb2);
    v = logistic_value_grad_one_pass(p.X, p.y, p.w, p.b, ws, gw2, gb2);
    compare("hand-written one pass", v, gw2, gb2);

    check_adolc_gradient(*this, [&](const std::string& what, double value2, const std::vector<double>& g) {
      compare(what, value2, Eigen::Map<const VectorXd>(g.data(), cols), g[std::size_t(cols)]);
    });
  }
};

template <bool OnePass>
void bm_handwritten(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  logistic_workspace ws(p.X.rows());
  VectorXd gw(p.X.cols());
  double gb = 0;
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(gw.data());
    return OnePass ? logistic_value_grad_one_pass(p.X, p.y, p.w, p.b, ws, gw, gb)
                   : logistic_value_grad(p.X, p.y, p.w, p.b, ws, gw, gb);
  });
}

// A compiled evaluator, as in a training loop: its workspace is kept between calls. With
// Threads threads, its results are first required to be those of one thread, bit for bit.
template <std::size_t Threads>
void bm_symgrad(benchmark::State& state, logistic_case* c) {
  const auto& p = c->data();
  auto step = sg::value_and_grad(loss, sg::wrt(w, b), sg::threads(Threads));
  require_same_bits(c->name, step, sg::value_and_grad(loss, sg::wrt(w, b)), sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
  time_calls(state, p, [&] {
    const auto result = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    return std::get<0>(result);
  });
}

// In float: the compiled evaluator, and the hand-written code, on the data rounded to float.
void bm_symgrad_float(benchmark::State& state, logistic_case* c) {
  const float_problem& f = c->float_data();
  auto step = sg::value_and_grad<float>(loss, sg::wrt(w, b));
  time_calls(state, *c->problem, [&] {
    const auto result = step(sg::bind(X = f.X, w = f.w, b = double(f.b), y = f.y));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    return std::get<0>(result);
  });
}

void bm_handwritten_float(benchmark::State& state, logistic_case* c) {
  const float_problem& f = c->float_data();
  float_workspace ws(f.X.rows());
  Eigen::VectorXf gw(f.X.cols());
  float gb = 0;
  time_calls(state, *c->problem, [&] {
    benchmark::DoNotOptimize(gw.data());
    return logistic_value_grad_float(f, ws, gw, gb);
  });
}

// The one-off form: every intermediate allocated afresh.
void bm_symgrad_eval_all(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  time_calls(state, p, [&] { return symgrad_value_grad(p); });
}

}  // namespace

void register_logistic() {
  static logistic_case cases[] = {
      {569, 30, 1001, "logistic/569x30"},
      {3000, 100, 1004, "logistic/3000x100"},  // just above the size that streams (2 MB)
      {10000, 100, 1002, "logistic/10000x100"},
      {200000, 100, 1003, "logistic/200000x100"},
  };
  register_cases(cases, {{"read_X", bm_read_X<logistic_case>},
                         {"handwritten", bm_handwritten<false>},
                         {"handwritten_1pass", bm_handwritten<true>},
                         {"symgrad", bm_symgrad<1>},
                         {"symgrad_2threads", bm_symgrad<2>},
                         {"symgrad_eval_all", bm_symgrad_eval_all},
                         {"symgrad_float", bm_symgrad_float},
                         {"handwritten_float", bm_handwritten_float},
                         {"adolc_tape_reused", bm_adolc_tape_reused<logistic_case>},
                         {"adolc_retape", bm_adolc_retape<logistic_case>}});
}

}  // namespace bench
