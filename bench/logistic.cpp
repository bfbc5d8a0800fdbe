// Logistic regression, the loss and its gradient with respect to w and b, at (m, n) =
// (569, 30), (10000, 100) and (200000, 100): symgrad's value_and_grad against the hand-written
// closed form, ADOL-C (tape reused, and re-taped every call) and one read of X.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <adolc/adolc.h>
#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "handwritten.hpp"
#include "timing.hpp"

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

constexpr auto m = sg::dim<"m">;
constexpr auto n = sg::dim<"n">;
constexpr auto X = sg::matrix<"X">(m, n);
constexpr auto w = sg::vector<"w">(n);
constexpr auto b = sg::scalar<"b">;
constexpr auto y = sg::vector<"y">(m);
constexpr auto loss = sg::bce(sg::sigmoid(X * w + b), y);

auto symgrad_value_grad(const logistic_problem& p) {
  return sg::value_and_grad(loss, sg::wrt(w, b), sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
}

struct logistic_case {
  Index rows, cols;
  unsigned seed;
  std::string name;
  std::unique_ptr<logistic_problem> problem;
  std::vector<double> point;  // (w, b), ADOL-C's independents
  tape_sizes sizes{};
  double tape_mb = 0;

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

  // Records the tape in core under adolc_tag unless this case's tape is already there.
  void ensure_tape() {
    if (adolc_tape_owner() == this) return;
    if (adolc_tape_owner() != nullptr) removeTape(adolc_tag, ADOLC_REMOVE_FROM_CORE);
    adolc_tape_owner() = nullptr;
    record_logistic(adolc_tag, 0, *problem, point.data(), true, sizes);
    tape_mb = tape_megabytes(adolc_tag, name);
    adolc_tape_owner() = this;
  }

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

    const int k = int(cols + 1);
    std::vector<double> g(point.size());
    double one = 1.0;
    ensure_tape();
    if (zos_forward(adolc_tag, 1, k, 1, point.data(), &v) < 0 || fos_reverse(adolc_tag, 1, k, &one, g.data()) < 0)
      require_agreement(name, "ADOL-C (tape reused) return code", INFINITY);
    compare("ADOL-C (tape reused)", v, Eigen::Map<VectorXd>(g.data(), cols), g[std::size_t(cols)]);
    v = record_logistic(adolc_tag, 1, p, point.data(), true, sizes);
    if (fos_reverse(adolc_tag, 1, k, &one, g.data()) < 0)
      require_agreement(name, "ADOL-C (re-taped) return code", INFINITY);
    compare("ADOL-C (re-taped)", v, Eigen::Map<VectorXd>(g.data(), cols), g[std::size_t(cols)]);
  }
};

template <bool OnePass>
void bm_handwritten(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  logistic_workspace ws(p.X.rows());
  VectorXd gw(p.X.cols());
  double gb = 0;
  for (auto _ : state) {
    double value = OnePass ? logistic_value_grad_one_pass(p.X, p.y, p.w, p.b, ws, gw, gb)
                           : logistic_value_grad(p.X, p.y, p.w, p.b, ws, gw, gb);
    benchmark::DoNotOptimize(value);
    benchmark::DoNotOptimize(gb);
    benchmark::DoNotOptimize(gw.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
}

// A compiled evaluator, as in a training loop: its workspace is kept between calls.
void bm_symgrad(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  auto step = sg::value_and_grad(loss, sg::wrt(w, b));
  for (auto _ : state) {
    const auto result = step(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
    benchmark::DoNotOptimize(std::get<0>(result));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
}

// The one-off form: every intermediate allocated afresh.
void bm_symgrad_eval_all(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  for (auto _ : state) {
    auto result = symgrad_value_grad(p);
    benchmark::DoNotOptimize(result);
  }
  set_bytes(state, p);
}

// The tape recorded once, outside the timed loop; each call is the two sweeps gradient()
// makes (zos_forward keeping the Taylor values, fos_reverse), keeping the value it discards.
void bm_adolc_tape_reused(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  c->ensure_tape();
  const int k = int(c->point.size());
  std::vector<double> g(c->point.size());
  double value = 0, one = 1.0;
  for (auto _ : state) {
    zos_forward(adolc_tag, 1, k, 1, c->point.data(), &value);
    fos_reverse(adolc_tag, 1, k, &one, g.data());
    benchmark::DoNotOptimize(value);
    benchmark::DoNotOptimize(g.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
  state.counters["tape_MB"] = c->tape_mb;
}

// Recorded every call with trace_on(tag, keep = 1), which computes the value and keeps the
// Taylor values, so one reverse sweep gives the gradient (no second forward sweep).
void bm_adolc_retape(benchmark::State& state, logistic_case* c) {
  const logistic_problem& p = c->data();
  c->ensure_tape();  // the same tape is recorded again below
  const int k = int(c->point.size());
  std::vector<double> g(c->point.size());
  double one = 1.0;
  for (auto _ : state) {
    double value = record_logistic(adolc_tag, 1, p, c->point.data(), true, c->sizes);
    fos_reverse(adolc_tag, 1, k, &one, g.data());
    benchmark::DoNotOptimize(value);
    benchmark::DoNotOptimize(g.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
  state.counters["tape_MB"] = c->tape_mb;
}

}  // namespace

void register_logistic() {
  static logistic_case cases[] = {
      {569, 30, 1001, "logistic/569x30", {}, {}, {}, 0},
      {10000, 100, 1002, "logistic/10000x100", {}, {}, {}, 0},
      {200000, 100, 1003, "logistic/200000x100", {}, {}, {}, 0},
  };
  for (logistic_case& c : cases) {
    const auto add = [&](const char* method, void (*fn)(benchmark::State&, logistic_case*)) {
      benchmark::RegisterBenchmark((c.name + "/" + method).c_str(), fn, &c)->Unit(benchmark::kMicrosecond);
    };
    add("read_X", bm_read_X<logistic_case>);
    add("handwritten", bm_handwritten<false>);
    add("handwritten_1pass", bm_handwritten<true>);
    add("symgrad", bm_symgrad);
    add("symgrad_eval_all", bm_symgrad_eval_all);
    add("adolc_tape_reused", bm_adolc_tape_reused);
    add("adolc_retape", bm_adolc_retape);
  }
}

}  // namespace bench
