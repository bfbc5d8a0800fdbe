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
template <class R>
R sum_of(const R* x, Index n) { return const_array_map<R>(x, n).sum(); }

template <class Op, class R>
  requires is_number_v<R>
R reduce(R x) { return x; }  // sum or mean of a scalar
// The extents a sum or mean covered, kept in its item (a streamed mean weighs its blocks by them).
template <class R>
  requires is_number_v<R>
dense_view<R> reduced_extents(R) { return {nullptr, 1, 1, 1}; }
template <class R>
dense_view<R> reduced_extents(const dense_view<R>& v) { return {nullptr, v.rows, v.cols, v.rows}; }
template <class Op, class R>
R reduce(const dense_view<R>& v) {
  const segments g = segments_of(v.rows, v.cols, v);
  R s = 0;
  for (Index j = 0; j < g.count; ++j) s += sum_of(segment(v, j), g.length);
  if constexpr (std::is_same_v<Op, op::mean>) return s / static_cast<R>(v.size());
  else return s;
}

// out (cols x rows) = v^T.
template <class R>
void transpose_into(const sink<R>& out, const dense_view<R>& v) {
  matrix_map<R>(out.resize(v.cols, v.rows), v.cols, v.rows) = as_matrix(v).transpose();
}

// Fills `out` with a constant (ones and zeros that are not scalars).
template <class R>
void fill(const sink<R>& out, Index rows, Index cols, R value) {
  std::fill_n(out.resize(rows, cols), rows * cols, value);
}

// Fills `out` with the identity matrix of extent n (eye that is not a scalar).
template <class R>
void fill_identity(const sink<R>& out, Index n) {
  R* p = out.resize(n, n);
  std::fill_n(p, n * n, R(0));
  for (Index i = 0; i < n; ++i) p[i * n + i] = 1;
}

// ---- logsumexp: the maximum shifted out ------------------------------------------------------
// lse(x) = s + log(sum(exp(x - s))), s the maximum: no exp overflows, the largest term is 1,
// so the sum is in [1, n] and nothing is lost to rounding. A maximum that is not finite is
// not shifted out (x - s would be inf - inf): a +inf entry gives +inf; all entries -inf
// (or none) give -inf, set explicitly since Eigen's vectorised exp(-inf) is not exactly 0;
// a NaN entry gives NaN.

struct f_max {
  template <class P>
  static P p(const P& a, const P& b) { return packets::pmax(a, b); }
  template <class R>
  static R s(R a, R b) { return std::max(a, b); }
};

template <class R>
R lse_shift(R top) { return std::isfinite(top) ? top : R(0); }
// top: the maximum; sum: of exp(x - lse_shift(top)).
template <class R>
R lse_finish(R top, R sum) {
  if (top == -std::numeric_limits<R>::infinity() && !std::isnan(sum)) return top;
  return lse_shift(top) + std::log(sum);
}

// Over all the entries of v (a vector, row or column, possibly strided).
template <class R>
R logsumexp_of(const dense_view<R>& v) {
  using map = const_array_map<R>;
  const segments g = segments_of(v.rows, v.cols, v);
  R top = -std::numeric_limits<R>::infinity();
  if (g.length > 0)  // Eigen's maxCoeff requires entries
    for (Index j = 0; j < g.count; ++j) top = std::max(top, map(segment(v, j), g.length).maxCoeff());
  const R s = lse_shift(top);
  R sum = 0;
  for (Index j = 0; j < g.count; ++j) sum += (map(segment(v, j), g.length) - s).exp().sum();
  return lse_finish(top, sum);
}

// out (v.rows) = each row's maximum, column by column so that every pass is contiguous.
template <class R>
void row_maxima(R* out, const dense_view<R>& v) {
  std::fill_n(out, v.rows, -std::numeric_limits<R>::infinity());
  for (Index j = 0; j < v.cols; ++j) packet_loop<f_max>(out, v.rows, static_cast<const R*>(out), segment(v, j));
}

// out (v.rows) = each row's logsumexp, column by column so that every pass is contiguous.
// scratch: 2 v.rows entries.
template <class R>
void logsumexp_rows(R* out, const dense_view<R>& v, R* scratch) {
  const Index m = v.rows;
  array_map<R> top(scratch, m), shift(scratch + m, m);
  row_maxima(top.data(), v);
  for (Index i = 0; i < m; ++i) shift[i] = lse_shift(top[i]);
  array_map<R> sum(out, m);
  sum.setZero();
  for (Index j = 0; j < v.cols; ++j) sum += (const_array_map<R>(segment(v, j), m) - shift).exp();
  for (Index i = 0; i < m; ++i) out[i] = lse_finish(top[i], out[i]);
}

// out (v.rows) = each row's shift, lse_shift of its maximum.
template <class R>
void row_shifts(R* out, const dense_view<R>& v) {
  row_maxima(out, v);
  for (Index i = 0; i < v.rows; ++i) out[i] = lse_shift(out[i]);
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
