#pragma once
// Shared by the model tests (layers.cpp, softmax.cpp): dimensions, random data, and the
// hand-written references, computed with plain loops over MatrixXd so that they cost little
// to compile and share no code with the library's kernels.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <random>

#include <boost/test/unit_test.hpp>

#include <Eigen/Core>

#include <symgrad/symgrad.hpp>

#include "../../support/layer_models.hpp"

namespace models_test {

using namespace symgrad;
using Eigen::Index;
using Eigen::MatrixXd;

using layer_models::h;  // the dimensions of the models (test/support/layer_models.hpp)
using layer_models::k;
using layer_models::m;
using layer_models::n;

// Central differences in the seeds' measure |a - b| / (|a| + |b|), entry by entry, are
// checked with a step of 1e-4: some gradient entries are ~2e-5, where the round-off of a
// central difference with h = 1e-6 (eps |f| / h ~ 1e-10 absolute) is already ~5e-6
// relative; with 1e-4 the round-off (~1e-12) and the truncation (h^2 f''' / 6, ~1e-9) both
// stay well below the 1e-6 bound (measured: the worst entry of any check here is < 1e-7).
inline constexpr double fd_step = 1e-4;

// check_gradient(f, x, at) with that step: the gradient has `entries` entries, each within
// 1e-6 of its central difference.
template <class F, class V, class B>
void check_differences(F f, V x, const B& at, std::size_t entries) {
  const auto r = check_gradient(f, x, at, fd_step);
  BOOST_TEST(r.entries == entries, x.name() << ": " << r.entries << " entries");
  BOOST_TEST(r.max_relative_error < 1e-6, x.name() << " entry " << r.worst_index << ": " << r.analytic << " vs " << r.numeric);
}

// max |got - want| / max |want|: relative to the size of the reference, so that entries
// made small by cancellation (W2^T (z2 - label)) do not turn rounding into a failure.
inline double normwise(const MatrixXd& got, const MatrixXd& want) {
  if (got.rows() != want.rows() || got.cols() != want.cols()) return HUGE_VAL;
  double diff = 0, scale = 0;
  for (Index i = 0; i < got.size(); ++i) {
    diff = std::max(diff, std::abs(got.data()[i] - want.data()[i]));
    scale = std::max(scale, std::abs(want.data()[i]));
  }
  return diff / scale;
}

inline MatrixXd gaussian(std::mt19937& gen, Index rows, Index cols) {
  std::normal_distribution<double> normal;
  MatrixXd r(rows, cols);
  for (Index i = 0; i < r.size(); ++i) r.data()[i] = normal(gen);
  return r;
}

inline MatrixXd uniform(std::mt19937& gen, Index rows, Index cols, double lo, double hi) {
  std::uniform_real_distribution<double> u(lo, hi);
  MatrixXd r(rows, cols);
  for (Index i = 0; i < r.size(); ++i) r.data()[i] = u(gen);
  return r;
}

// One-hot rows; a column (cols == 1) is one sample, one-hot over its rows.
inline MatrixXd one_hot(std::mt19937& gen, Index rows, Index cols) {
  const bool column = cols == 1;
  std::uniform_int_distribution<Index> pick(0, (column ? rows : cols) - 1);
  MatrixXd y = MatrixXd::Zero(rows, cols);
  if (column) y(pick(gen), 0) = 1.0;
  else
    for (Index i = 0; i < rows; ++i) y(i, pick(gen)) = 1.0;
  return y;
}

// ---- references -----------------------------------------------------------------------------

inline MatrixXd entrywise(const std::function<double(double)>& f, const MatrixXd& a) {
  MatrixXd r(a.rows(), a.cols());
  for (Index i = 0; i < a.size(); ++i) r.data()[i] = f(a.data()[i]);
  return r;
}

inline MatrixXd entrywise(const std::function<double(double, double)>& f, const MatrixXd& a, const MatrixXd& b) {
  MatrixXd r(a.rows(), a.cols());
  for (Index i = 0; i < a.size(); ++i) r.data()[i] = f(a.data()[i], b.data()[i]);
  return r;
}

inline MatrixXd product(const MatrixXd& a, const MatrixXd& b) {
  MatrixXd r = MatrixXd::Zero(a.rows(), b.cols());
  for (Index j = 0; j < b.cols(); ++j)
    for (Index l = 0; l < a.cols(); ++l)
      for (Index i = 0; i < a.rows(); ++i) r(i, j) += a(i, l) * b(l, j);
  return r;
}

inline MatrixXd transposed(const MatrixXd& a) { return a.transpose(); }

// a + the row vector b added to every row.
inline MatrixXd plus_row(const MatrixXd& a, const MatrixXd& b) {
  MatrixXd r = a;
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) r(i, j) += b(0, j);
  return r;
}

inline MatrixXd row_sums_of(const MatrixXd& a) {
  MatrixXd r = MatrixXd::Zero(a.rows(), 1);
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) r(i, 0) += a(i, j);
  return r;
}

inline MatrixXd col_sums_of(const MatrixXd& a) {
  MatrixXd r = MatrixXd::Zero(1, a.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) r(0, j) += a(i, j);
  return r;
}

inline double sum_of(const MatrixXd& a) {
  double s = 0;
  for (Index i = 0; i < a.size(); ++i) s += a.data()[i];
  return s;
}

inline double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Softmax of each row, its maximum shifted out.
inline MatrixXd row_softmax(const MatrixXd& z) {
  MatrixXd p(z.rows(), z.cols());
  for (Index i = 0; i < z.rows(); ++i) {
    double top = z(i, 0), total = 0;
    for (Index j = 1; j < z.cols(); ++j) top = std::max(top, z(i, j));
    for (Index j = 0; j < z.cols(); ++j) total += p(i, j) = std::exp(z(i, j) - top);
    for (Index j = 0; j < z.cols(); ++j) p(i, j) /= total;
  }
  return p;
}

// A column is one sample: the softmax over all its entries.
inline MatrixXd column_softmax(const MatrixXd& z) { return transposed(row_softmax(transposed(z))); }

}  // namespace models_test
