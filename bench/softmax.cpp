// Softmax regression, the cross-entropy and its gradient with respect to W and b, at
// (m, n, k) = (1797, 64, 10) and (100000, 100, 10): symgrad's value_and_grad (one thread, and
// two) against the hand-written closed form, ADOL-C (tape reused, and re-taped every call) and
// one read of X.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <adolc/adolc.h>
#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "handwritten.hpp"
#include "harness.hpp"

namespace bench {
namespace {

namespace sg = symgrad;

constexpr auto m = sg::dim<"m">;
constexpr auto n = sg::dim<"n">;
constexpr auto k = sg::dim<"k">;
constexpr auto X = sg::matrix<"X">(m, n);
constexpr auto W = sg::matrix<"W">(n, k);
constexpr auto b = sg::row_vector<"b">(k);
constexpr auto Y = sg::matrix<"Y", sg::sums_to_one>(m, k);
constexpr auto loss = sg::cross_entropy(sg::softmax(X * W + b), Y);

auto symgrad_value_grad(const softmax_problem& p) {
  return sg::value_and_grad(loss, sg::wrt(W, b), sg::bind(X = p.X, W = p.W, b = p.b, Y = p.Y));
}

// The cross-entropy on ADOL-C's tape, row by row as scalar code: z_c = b_c + sum_j X_ij W_jc,
// then max + log(sum exp(z - max)) - sum_c Y_ic z_c (the zero labels skipped), averaged.
// The independents are W (column by column, as Eigen stores it), then b.
double record_softmax(short tag, int keep, const softmax_problem& p, const double* x, const tape_sizes& sizes) {
  const Index rows = p.X.rows(), cols = p.X.cols(), classes = p.W.cols();
  const auto at = [](Index i) { return static_cast<std::size_t>(i); };
  trace_on(tag, keep, sizes.ops, sizes.locations, sizes.values, sizes.taylors);
  std::vector<adouble> Wa(at(cols * classes)), ba(at(classes)), z(at(classes));
  for (Index i = 0; i < cols * classes; ++i) Wa[at(i)] <<= x[i];
  for (Index c = 0; c < classes; ++c) ba[at(c)] <<= x[cols * classes + c];
  adouble total = 0.0;
  for (Index i = 0; i < rows; ++i) {
    for (Index c = 0; c < classes; ++c) z[at(c)] = ba[at(c)];
    for (Index j = 0; j < cols; ++j) {
      const double xij = p.X(i, j);
      for (Index c = 0; c < classes; ++c) z[at(c)] += xij * Wa[at(c * cols + j)];
    }
    adouble top = z[0];
    for (Index c = 1; c < classes; ++c) top = fmax(top, z[at(c)]);
    adouble sum = 0.0;
    for (Index c = 0; c < classes; ++c) sum += exp(z[at(c)] - top);
    total += top + log(sum);
    for (Index c = 0; c < classes; ++c)
      if (p.Y(i, c) != 0.0) total -= p.Y(i, c) * z[at(c)];
  }
  adouble value_a = total / double(rows);
  double value = 0.0;
  value_a >>= value;
  trace_off();
  return value;
}

struct softmax_case : adolc_state {  // point: (W, b), ADOL-C's independents
  Index rows, cols, classes;
  unsigned seed;
  std::string name;
  std::unique_ptr<softmax_problem> problem;

  softmax_case(Index r, Index c, Index k, unsigned s, std::string n)
      : rows(r), cols(c), classes(k), seed(s), name(std::move(n)) {}

  const softmax_problem& data() {
    if (!problem) {
      problem = std::make_unique<softmax_problem>(make_softmax(rows, cols, classes, seed));
      const softmax_problem& p = *problem;
      point.assign(p.W.data(), p.W.data() + p.W.size());
      point.insert(point.end(), p.b.data(), p.b.data() + p.b.size());
      sizes = estimate_tape(std::size_t(rows * cols * classes), std::size_t(rows * classes));
      check();
    }
    return *problem;
  }

  double record(int keep) { return record_softmax(adolc_tag, keep, *problem, point.data(), sizes); }

  void check() {
    const softmax_problem& p = *problem;
    // Named variables, not structured bindings: clang 14 cannot capture those in a lambda.
    const auto want = symgrad_value_grad(p);
    const double value = std::get<0>(want);
    const MatrixXd& gW = std::get<1>(want);
    const MatrixXd& gb = std::get<2>(want);
    const auto compare = [&](const std::string& what, double v, const MatrixXd& gW2, const MatrixXd& gb2) {
      require_agreement(name, what + " value", relative_difference(v, value));
      require_agreement(name, what + " gradient W", relative_difference(gW2, gW));
      require_agreement(name, what + " gradient b", relative_difference(gb2, gb));
    };
    softmax_workspace ws(rows, classes);
    MatrixXd gW2(cols, classes);
    RowVectorXd gb2(classes);
    double v = softmax_value_grad(p.X, p.Y, p.W, p.b, ws, gW2, gb2);
    compare("hand-written", v, gW2, gb2);

    check_adolc_gradient(*this, [&](const std::string& what, double value2, const std::vector<double>& g) {
      compare(what, value2, Eigen::Map<const MatrixXd>(g.data(), cols, classes),
              Eigen::Map<const MatrixXd>(g.data() + cols * classes, 1, classes));
    });
  }
};

void bm_handwritten(benchmark::State& state, softmax_case* c) {
  const softmax_problem& p = c->data();
  softmax_workspace ws(p.X.rows(), p.W.cols());
  MatrixXd gW(p.W.rows(), p.W.cols());
  RowVectorXd gb(p.W.cols());
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(gW.data());
    benchmark::DoNotOptimize(gb.data());
    return softmax_value_grad(p.X, p.Y, p.W, p.b, ws, gW, gb);
  });
}

// A compiled evaluator, as in a training loop: its workspace is kept between calls. With
// Threads threads, its results are first required to be those of one thread, bit for bit.
template <std::size_t Threads>
void bm_symgrad(benchmark::State& state, softmax_case* c) {
  const auto& p = c->data();
  auto step = sg::value_and_grad(loss, sg::wrt(W, b), sg::threads(Threads));
  require_same_bits(c->name, step, sg::value_and_grad(loss, sg::wrt(W, b)), sg::bind(X = p.X, W = p.W, b = p.b, Y = p.Y));
  time_calls(state, p, [&] {
    const auto result = step(sg::bind(X = p.X, W = p.W, b = p.b, Y = p.Y));
    benchmark::DoNotOptimize(std::get<1>(result).data());
    return std::get<0>(result);
  });
}

// The one-off form: every intermediate allocated afresh.
void bm_symgrad_eval_all(benchmark::State& state, softmax_case* c) {
  const softmax_problem& p = c->data();
  time_calls(state, p, [&] { return symgrad_value_grad(p); });
}

}  // namespace

void register_softmax() {
  static softmax_case cases[] = {
      {1797, 64, 10, 2001, "softmax/1797x64x10"},
      {100000, 100, 10, 2002, "softmax/100000x100x10"},
  };
  register_cases(cases, {{"read_X", bm_read_X<softmax_case>},
                         {"handwritten", bm_handwritten},
                         {"symgrad", bm_symgrad<1>},
                         {"symgrad_2threads", bm_symgrad<2>},
                         {"symgrad_eval_all", bm_symgrad_eval_all},
                         {"adolc_tape_reused", bm_adolc_tape_reused<softmax_case>},
                         {"adolc_retape", bm_adolc_retape<softmax_case>}});
}

}  // namespace bench
