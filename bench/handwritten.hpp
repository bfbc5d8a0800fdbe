#pragma once
// The hand-written Eigen references the benchmarks compare symgrad with, written as a careful
// engineer would: closed forms, numerically stable, every buffer allocated once outside the
// timed loop. Also the few pieces the benchmark units share: random problems from a fixed
// seed, the agreement check run once per case before timing, and the bookkeeping of the one
// ADOL-C tape kept in core. Nothing here depends on symgrad or on ADOL-C.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace bench {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::RowVectorXd;
using Eigen::VectorXd;

// ---- random problems ------------------------------------------------------------------------

// Logistic regression: standard normal features, 0/1 labels, weights scaled so that the
// logits X w + b are about standard normal (a realistic, not saturated, model).
struct logistic_problem {
  MatrixXd X;
  VectorXd y;
  VectorXd w;
  double b = 0.0;
};

inline logistic_problem make_logistic(Index m, Index n, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal;
  std::bernoulli_distribution coin(0.5);
  logistic_problem p;
  p.X = MatrixXd::NullaryExpr(m, n, [&] { return normal(gen); });
  p.y = VectorXd::NullaryExpr(m, [&] { return coin(gen) ? 1.0 : 0.0; });
  p.w = VectorXd::NullaryExpr(n, [&] { return normal(gen) / std::sqrt(double(n)); });
  p.b = 0.1 * normal(gen);
  return p;
}

// Softmax regression: standard normal features, k classes drawn uniformly, one-hot rows.
struct softmax_problem {
  MatrixXd X;
  MatrixXd Y;               // m x k, one-hot rows
  std::vector<Index> label;  // the class of each row
  MatrixXd W;               // n x k
  RowVectorXd b;            // 1 x k
};

inline softmax_problem make_softmax(Index m, Index n, Index k, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal;
  std::uniform_int_distribution<Index> cls(0, k - 1);
  softmax_problem p;
  p.X = MatrixXd::NullaryExpr(m, n, [&] { return normal(gen); });
  p.label.resize(static_cast<std::size_t>(m));
  p.Y = MatrixXd::Zero(m, k);
  for (Index i = 0; i < m; ++i) {
    p.label[static_cast<std::size_t>(i)] = cls(gen);
    p.Y(i, p.label[static_cast<std::size_t>(i)]) = 1.0;
  }
  p.W = MatrixXd::NullaryExpr(n, k, [&] { return normal(gen) / std::sqrt(double(n)); });
  p.b = RowVectorXd::NullaryExpr(k, [&] { return 0.1 * normal(gen); });
  return p;
}

// ---- agreement, checked once per case before anything is timed --------------------------------

// max |got - want| / max |want|: relative to the largest entry, so that an entry that is
// nearly zero by chance (a sum of many terms that cancel) does not need more digits than the
// arithmetic can give. For scalars, the ordinary relative difference.
inline double relative_difference(const MatrixXd& got, const MatrixXd& want) {
  if (got.rows() != want.rows() || got.cols() != want.cols()) return INFINITY;
  const double scale = want.cwiseAbs().maxCoeff();
  const double diff = (got - want).cwiseAbs().maxCoeff();
  if (!std::isfinite(diff)) return INFINITY;
  return scale == 0 ? diff : diff / scale;
}
inline double relative_difference(double got, double want) {
  MatrixXd a(1, 1), b(1, 1);
  a(0, 0) = got;
  b(0, 0) = want;
  return relative_difference(a, b);
}

inline constexpr double agreement_tolerance = 1e-10;

// Aborts the whole run: timing methods that disagree would be meaningless.
inline void require_agreement(const std::string& bench_case, const std::string& what, double difference,
                              double tolerance = agreement_tolerance) {
  if (difference <= tolerance) return;
  std::fprintf(stderr,
               "\nsymgrad bench: %s: %s differs from symgrad by %.3e relative to its largest entry "
               "(tolerance %.0e); aborting the benchmark\n",
               bench_case.c_str(), what.c_str(), difference, tolerance);
  std::exit(EXIT_FAILURE);
}

// ---- the one ADOL-C tape kept in core ---------------------------------------------------------
// Every ADOL-C benchmark uses the same tag; this records which case's tape it holds, so that a
// case's tape is recorded once (outside the timed loops) and the previous case's tape is
// dropped first. At 100000 x 100 x 10 a tape is several GB.
inline constexpr short adolc_tag = 1;
inline const void*& adolc_tape_owner() {
  static const void* owner = nullptr;
  return owner;
}

// ADOL-C buffer sizes (in elements) large enough to keep a tape in memory: past a buffer's
// size ADOL-C spills to files in the working directory and reads them back on every sweep.
struct tape_sizes {
  unsigned ops, locations, values, taylors;
};
// `products`: the passive x active products (m n for logistic, m n k for softmax); `rows`:
// m times the number of per-row terms. Measured with tapestats: 2.0 operations, 4.3
// locations and 1.0 values per product; the Taylor stack holds one value per operation.
inline tape_sizes estimate_tape(std::size_t products, std::size_t rows) {
  const auto clamp = [](double x) { return static_cast<unsigned>(std::min(x, 4.0e9)); };
  const double ops = 2.0 * double(products) + 24.0 * double(rows) + 4096;
  return {clamp(ops), clamp(2.2 * ops), clamp(1.1 * double(products) + 8.0 * double(rows) + 4096), clamp(ops)};
}

// ---- logistic regression: value and gradient --------------------------------------------------
// L = mean(softplus(z) - y z), z = X w + b (the BCE of sigmoid(z), in its stable form);
// g_w = X^T (a - y) / m, g_b = mean(a - y), a = sigmoid(z). One exp per row: e = exp(-|z|)
// gives softplus(z) = max(z, 0) + log1p(e) and sigmoid(z) = (z >= 0 ? 1 : e) / (1 + e).
struct logistic_workspace {
  VectorXd z, e, r;
  explicit logistic_workspace(Index m) : z(m), e(m), r(m) {}
};

// Two passes over X: z = X w (gemv), then g_w = X^T r (gemv).
inline double logistic_value_grad(const MatrixXd& X, const VectorXd& y, const VectorXd& w, double b,
                                  logistic_workspace& ws, VectorXd& gw, double& gb) {
  const double inv_m = 1.0 / double(X.rows());
  ws.z.noalias() = X * w;
  ws.z.array() += b;
  const auto z = ws.z.array();
  auto e = ws.e.array();
  e = (-z.abs()).exp();
  const double loss = (z.max(0.0) + e.log1p() - y.array() * z).sum() * inv_m;
  ws.r.array() = ((z >= 0.0).select(1.0, e) / (1.0 + e) - y.array()) * inv_m;
  gw.noalias() = X.transpose() * ws.r;
  gb = ws.r.sum();
  return loss;
}

// Not a goal's reference: the same arithmetic in one pass over X, by blocks of rows small
// enough (about 512 KB of X) to be read from cache by the second product. What a fused,
// streaming evaluator could reach at sizes where X does not fit in cache.
inline double logistic_value_grad_one_pass(const MatrixXd& X, const VectorXd& y, const VectorXd& w, double b,
                                           logistic_workspace& ws, VectorXd& gw, double& gb) {
  const Index m = X.rows(), n = X.cols();
  const Index block = std::max<Index>(64, (Index(1) << 16) / std::max<Index>(n, 1));
  const double inv_m = 1.0 / double(m);
  double loss = 0.0;
  gw.setZero();
  for (Index i0 = 0; i0 < m; i0 += block) {
    const Index rows = std::min(block, m - i0);
    const auto Xb = X.middleRows(i0, rows);
    auto zb = ws.z.segment(i0, rows);
    zb.noalias() = Xb * w;
    zb.array() += b;
    const auto z = zb.array();
    auto e = ws.e.segment(i0, rows).array();
    e = (-z.abs()).exp();
    const auto yb = y.segment(i0, rows).array();
    loss += (z.max(0.0) + e.log1p() - yb * z).sum();
    auto rb = ws.r.segment(i0, rows);
    rb.array() = ((z >= 0.0).select(1.0, e) / (1.0 + e) - yb) * inv_m;
    gw.noalias() += Xb.transpose() * rb;
  }
  gb = ws.r.sum();
  return loss * inv_m;
}

// ---- logistic regression: Hessian with respect to w -------------------------------------------
// H = X^T D X / m, D = diag(a (1 - a)); a (1 - a) = e / (1 + e)^2 with e = exp(-|z|) (the same
// for z and -z, so no branch). The rows of X are scaled into a buffer, then one product.
struct hessian_workspace {
  VectorXd z, d;
  MatrixXd DX;
  hessian_workspace(Index m, Index n) : z(m), d(m), DX(m, n) {}
};

inline void logistic_hessian(const MatrixXd& X, const VectorXd& w, double b, hessian_workspace& ws, MatrixXd& H) {
  ws.z.noalias() = X * w;
  ws.z.array() += b;
  auto d = ws.d.array();
  d = (-ws.z.array().abs()).exp();
  d = d / (1.0 + d).square() * (1.0 / double(X.rows()));
  ws.DX.noalias() = ws.d.asDiagonal() * X;
  H.noalias() = X.transpose() * ws.DX;
}

// ---- softmax regression: value and gradient ---------------------------------------------------
// Z = X W + b; with s = rowmax(Z) and S = Z - s, L = mean(log(rowsum(exp S)) - rowsum(Y .* S))
// (Y's rows sum to one, so the shift cancels); G = (softmax(Z) - Y) / m, g_W = X^T G,
// g_b = colsum(G).
struct softmax_workspace {
  MatrixXd Z;
  VectorXd top, dot, sum;
  softmax_workspace(Index m, Index k) : Z(m, k), top(m), dot(m), sum(m) {}
};

inline double softmax_value_grad(const MatrixXd& X, const MatrixXd& Y, const MatrixXd& W, const RowVectorXd& b,
                                 softmax_workspace& ws, MatrixXd& gW, RowVectorXd& gb) {
  const double inv_m = 1.0 / double(X.rows());
  MatrixXd& Z = ws.Z;
  Z.noalias() = X * W;
  Z.rowwise() += b;
  ws.top = Z.rowwise().maxCoeff();
  Z.colwise() -= ws.top;                             // S = Z - s
  ws.dot = Z.cwiseProduct(Y).rowwise().sum();        // rowsum(Y .* S)
  Z.array() = Z.array().exp();                       // exp(S), in place
  ws.sum = Z.rowwise().sum();
  const double loss = (ws.sum.array().log() - ws.dot.array()).sum() * inv_m;
  ws.sum.array() = inv_m / ws.sum.array();
  Z.array().colwise() *= ws.sum.array();  // softmax(Z) / m
  Z -= Y * inv_m;                         // G
  gW.noalias() = X.transpose() * Z;
  gb = Z.colwise().sum();
  return loss;
}

// ---- the floor: one streaming read of X --------------------------------------------------------
// X^T v with a fixed v: Eigen's matrix-vector kernel reads every entry of X once (v stays in
// cache), the least any of the methods can do.
inline void read_X_once(const MatrixXd& X, const VectorXd& v, VectorXd& out) { out.noalias() = X.transpose() * v; }

// ---- ADOL-C recordings shared between units (defined in logistic.cpp) ------------------------

// Records the logistic loss on ADOL-C's tape `tag`, row by row as scalar code: z = b + sum_j
// X_ij w_j, then max(z, 0) + log(1 + exp(-|z|)) - y_i z (ADOL-C has no log1p), averaged.
// The independents are w (x[0..n)) and, if `with_bias`, b (x[n]); otherwise b is the constant
// p.b. `keep` as trace_on's (1: ready for a reverse sweep straight after). Returns the value.
double record_logistic(short tag, int keep, const logistic_problem& p, const double* x, bool with_bias,
                       const tape_sizes& sizes);
// The tape's size in MB (operations, locations, values) and whether ADOL-C spilled any of it
// to a file; prints a warning if it did.
double tape_megabytes(short tag, const std::string& bench_case);

// ---- registration (one function per benchmark unit; models.cpp calls them in this order) ------
void register_logistic();
void register_softmax();
void register_hessian();
void register_least_squares();
void register_robust();
void register_network_tanh();
void register_network_sigmoid();
void register_network_relu();

}  // namespace bench
