#pragma once
// Sums, means, transposes, fills and the logsumexp of vectors and of each row of a matrix.
#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Core>

#include "functions.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// ---- reductions and transposes ------------------------------------------------------------

// One instantiation of Eigen's vectorised sum for every reduction.
template <class Op>
double sum_of(const double* x, Index n) { return dependent_t<const_array_map, Op>(x, n).sum(); }

template <class Op>
double reduce(double x) { return x; }  // sum or mean of a scalar
// The extents a sum or mean covered, kept in its item (a streamed mean weighs its blocks by them).
inline dense_view reduced_extents(double) { return {nullptr, 1, 1, 1}; }
inline dense_view reduced_extents(const dense_view& v) { return {nullptr, v.rows, v.cols, v.rows}; }
template <class Op>
double reduce(const dense_view& v) {
  const bool whole = v.contiguous();
  const Index length = whole ? v.size() : v.rows, count = whole ? 1 : v.cols;
  double s = 0;
  for (Index j = 0; j < count; ++j) s += sum_of<op::sum>(segment(v, j), length);
  if constexpr (std::is_same_v<Op, op::mean>) return s / static_cast<double>(v.size());
  else return s;
}

// out (cols x rows) = v^T. A template only so that it is compiled where used.
template <class Op>
void transpose_into(const sink& out, const dense_view& v) {
  dependent_t<matrix_map, Op>(out.resize(v.cols, v.rows), v.cols, v.rows) = as_matrix<Op>(v).transpose();
}

// Fills `out` with a constant (ones and zeros that are not scalars).
inline void fill(const sink& out, Index rows, Index cols, double value) {
  std::fill_n(out.resize(rows, cols), rows * cols, value);
}

// Fills `out` with the identity matrix of extent n (eye that is not a scalar).
inline void fill_identity(const sink& out, Index n) {
  double* p = out.resize(n, n);
  std::fill_n(p, n * n, 0.0);
  for (Index i = 0; i < n; ++i) p[i * n + i] = 1;
}

// ---- logsumexp: the maximum shifted out ------------------------------------------------------
// lse(x) = s + log(sum(exp(x - s))), s the maximum: no exp overflows, the largest term is 1,
// so the sum is in [1, n] and nothing is lost to rounding. A maximum that is not finite is
// not shifted out (x - s would be inf - inf): a +inf entry gives +inf; all entries -inf
// (or none) give -inf, set explicitly since Eigen's vectorised exp(-inf) is not exactly 0;
// a NaN entry gives NaN.

struct f_max {
  static packet p(const packet& a, const packet& b) { return packets::pmax(a, b); }
  static double s(double a, double b) { return std::max(a, b); }
};

inline double lse_shift(double top) { return std::isfinite(top) ? top : 0.0; }
// top: the maximum; sum: of exp(x - lse_shift(top)).
inline double lse_finish(double top, double sum) {
  if (top == -std::numeric_limits<double>::infinity() && !std::isnan(sum)) return top;
  return lse_shift(top) + std::log(sum);
}

// Over all the entries of v (a vector, row or column, possibly strided).
template <class Op>
double logsumexp_of(const dense_view& v) {
  using map = dependent_t<const_array_map, Op>;
  const bool whole = v.contiguous();
  const Index length = whole ? v.size() : v.rows, count = whole ? 1 : v.cols;
  double top = -std::numeric_limits<double>::infinity();
  if (length > 0)  // Eigen's maxCoeff requires entries
    for (Index j = 0; j < count; ++j) top = std::max(top, map(segment(v, j), length).maxCoeff());
  const double s = lse_shift(top);
  double sum = 0;
  for (Index j = 0; j < count; ++j) sum += (map(segment(v, j), length) - s).exp().sum();
  return lse_finish(top, sum);
}

// out (v.rows) = each row's maximum, column by column so that every pass is contiguous.
inline void row_maxima(double* out, const dense_view& v) {
  std::fill_n(out, v.rows, -std::numeric_limits<double>::infinity());
  for (Index j = 0; j < v.cols; ++j) packet_loop<f_max>(out, v.rows, static_cast<const double*>(out), segment(v, j));
}

// out (v.rows) = each row's logsumexp, column by column so that every pass is contiguous.
// scratch: 2 v.rows entries.
template <class Op>
void logsumexp_rows(double* out, const dense_view& v, double* scratch) {
  const Index m = v.rows;
  dependent_t<array_map, Op> top(scratch, m), shift(scratch + m, m);
  row_maxima(top.data(), v);
  for (Index i = 0; i < m; ++i) shift[i] = lse_shift(top[i]);
  dependent_t<array_map, Op> sum(out, m);
  sum.setZero();
  for (Index j = 0; j < v.cols; ++j) sum += (dependent_t<const_array_map, Op>(segment(v, j), m) - shift).exp();
  for (Index i = 0; i < m; ++i) out[i] = lse_finish(top[i], out[i]);
}

// out (v.rows) = each row's shift, lse_shift of its maximum.
inline void row_shifts(double* out, const dense_view& v) {
  row_maxima(out, v);
  for (Index i = 0; i < v.rows; ++i) out[i] = lse_shift(out[i]);
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
