// The Hessian of the logistic loss with respect to w, at (m, n) = (569, 30) and (10000, 100):
// symgrad's hessian(loss, w), X^T diag(a (1 - a)) X / m, against the hand-written X^T (D X) / m,
// ADOL-C's hessian() driver (tape reused, and re-taped every call) and one read of X.
#include <memory>
#include <string>
#include <vector>

#include <adolc/adolc.h>
#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "../test/support/linear_models.hpp"
#include "handwritten.hpp"
#include "harness.hpp"

namespace bench {
namespace {

namespace sg = symgrad;

using namespace linear_models;  // X, w, b, y and the models
constexpr auto loss = linear_models::logistic;

MatrixXd symgrad_hessian(const logistic_problem& p) {
  return sg::eval(sg::hessian(loss, w), sg::bind(X = p.X, w = p.w, b = p.b, y = p.y));
}

// ADOL-C's hessian() fills the lower triangle of a myalloc2 matrix.
class adolc_matrix {
 public:
  explicit adolc_matrix(Index size) : size_(size), rows_(myalloc2(int(size), int(size))) {}
  adolc_matrix(const adolc_matrix&) = delete;
  adolc_matrix& operator=(const adolc_matrix&) = delete;
  ~adolc_matrix() { myfree2(rows_); }
  double** rows() { return rows_; }
  MatrixXd symmetric() const {
    MatrixXd H(size_, size_);
    for (Index i = 0; i < size_; ++i)
      for (Index j = 0; j <= i; ++j) H(i, j) = H(j, i) = rows_[i][j];
    return H;
  }

 private:
  Index size_;
  double** rows_;
};

struct hessian_case : adolc_state {  // point: w, ADOL-C's independents (b is a constant on this tape)
  Index rows, cols;
  unsigned seed;
  std::string name;
  std::unique_ptr<logistic_problem> problem;

  hessian_case(Index r, Index c, unsigned s, std::string n) : rows(r), cols(c), seed(s), name(std::move(n)) {}

  const logistic_problem& data() {
    if (!problem) {
      problem = std::make_unique<logistic_problem>(make_logistic(rows, cols, seed));
      point.assign(problem->w.data(), problem->w.data() + cols);
      sizes = estimate_tape(std::size_t(rows * cols), std::size_t(rows));
      sizes.taylors *= 2;  // the second-order sweeps keep two Taylor coefficients per operation
      check();
    }
    return *problem;
  }

  double record(int keep) { return record_logistic(adolc_tag, keep, *problem, point.data(), false, sizes); }

  void check() {
    const logistic_problem& p = *problem;
    const MatrixXd H = symgrad_hessian(p);
    hessian_workspace ws(rows, cols);
    MatrixXd H2(cols, cols);
    logistic_hessian(p.X, p.w, p.b, ws, H2);
    require_agreement(name, "hand-written Hessian", relative_difference(H2, H));

    adolc_matrix Ha(cols);
    ensure_tape(*this);
    if (hessian(adolc_tag, int(cols), point.data(), Ha.rows()) < 0)
      require_agreement(name, "ADOL-C (tape reused) return code", INFINITY);
    require_agreement(name, "ADOL-C (tape reused) Hessian", relative_difference(Ha.symmetric(), H));
    record(0);
    if (hessian(adolc_tag, int(cols), point.data(), Ha.rows()) < 0)
      require_agreement(name, "ADOL-C (re-taped) return code", INFINITY);
    require_agreement(name, "ADOL-C (re-taped) Hessian", relative_difference(Ha.symmetric(), H));
  }
};

void bm_handwritten(benchmark::State& state, hessian_case* c) {
  const logistic_problem& p = c->data();
  hessian_workspace ws(p.X.rows(), p.X.cols());
  MatrixXd H(p.X.cols(), p.X.cols());
  time_calls(state, p, [&] {
    logistic_hessian(p.X, p.w, p.b, ws, H);
    return H.data();
  });
}

// A compiled evaluator: its workspace is kept between calls.
void bm_symgrad(benchmark::State& state, hessian_case* c) {
  const logistic_problem& p = c->data();
  auto hess = sg::compile(sg::hessian(loss, w));
  time_calls(state, p, [&] { return std::get<0>(hess(sg::bind(X = p.X, w = p.w, b = p.b, y = p.y))).data(); });
}

// The one-off form: every intermediate allocated afresh.
void bm_symgrad_eval_all(benchmark::State& state, hessian_case* c) {
  const logistic_problem& p = c->data();
  time_calls(state, p, [&] { return symgrad_hessian(p); });
}

// The tape recorded once; each call is hessian()'s sweeps.
void bm_adolc_tape_reused(benchmark::State& state, hessian_case* c) {
  const logistic_problem& p = c->data();
  ensure_tape(*c);
  adolc_matrix H(p.X.cols());
  time_calls(state, p, [&] { return hessian(adolc_tag, int(p.X.cols()), c->point.data(), H.rows()); });
  state.counters["tape_MB"] = c->tape_mb;
}

// Recorded again every call, then hessian()'s sweeps.
void bm_adolc_retape(benchmark::State& state, hessian_case* c) {
  const logistic_problem& p = c->data();
  ensure_tape(*c);
  adolc_matrix H(p.X.cols());
  time_calls(state, p, [&] {
    c->record(0);
    return hessian(adolc_tag, int(p.X.cols()), c->point.data(), H.rows());
  });
  state.counters["tape_MB"] = c->tape_mb;
}

}  // namespace

void register_hessian() {
  static hessian_case cases[] = {
      {569, 30, 3001, "hessian/569x30"},
      {10000, 100, 3002, "hessian/10000x100"},
  };
  register_cases(cases, {{"read_X", bm_read_X<hessian_case>},
                         {"handwritten", bm_handwritten},
                         {"symgrad", bm_symgrad},
                         {"symgrad_eval_all", bm_symgrad_eval_all},
                         {"adolc_tape_reused", bm_adolc_tape_reused},
                         {"adolc_retape", bm_adolc_retape}});
}

}  // namespace bench
