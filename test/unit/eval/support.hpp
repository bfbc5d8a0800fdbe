#pragma once
// Shared by the evaluation tests (test/unit/eval/): variables, data and helpers.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <type_traits>

#include <Eigen/Core>

#include "symgrad/eval/eval.hpp"
#include "symgrad/expr/build.hpp"

namespace eval_test {

using namespace symgrad;

inline constexpr auto X = matrix<"X">(dim<"m">, dim<"n">);
inline constexpr auto w = vector<"w">(dim<"n">);
inline constexpr auto y = vector<"y">(dim<"m">);
inline constexpr auto b = scalar<"b">;

// Node types spelled by hand (as the simplifier makes them) need the unqualified leaf type.
template <class T>
using leaf_t = std::remove_cvref_t<T>;

inline Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> d;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = d(gen);
  return m;
}

inline Eigen::VectorXd labels(Eigen::Index rows, unsigned seed) {
  std::mt19937 gen(seed);
  std::bernoulli_distribution d;
  Eigen::VectorXd v(rows);
  for (Eigen::Index i = 0; i < rows; ++i) v(i) = d(gen) ? 1.0 : 0.0;
  return v;
}

inline double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(a), std::abs(b)); }

// Largest entrywise difference, relative to the largest entry of `expected`. Concrete
// types: expected values are materialised once, not reduced as expression templates.
inline double max_rel(const Eigen::MatrixXd& got, const Eigen::MatrixXd& expected) {
  if (got.rows() != expected.rows() || got.cols() != expected.cols()) return std::numeric_limits<double>::infinity();
  double diff = 0, scale = 0;
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    diff = std::max(diff, std::abs(got.data()[i] - expected.data()[i]));
    scale = std::max(scale, std::abs(expected.data()[i]));
  }
  return diff / scale;
}

// References computed with plain loops, cheap to compile: f applied entrywise, and the
// matrix product (in the textbook order).
template <class F, class... M>
Eigen::MatrixXd entrywise(F f, const Eigen::MatrixXd& a, const M&... more) {
  Eigen::MatrixXd r(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.size(); ++i) r.data()[i] = f(a.data()[i], more.data()[i]...);
  return r;
}

inline Eigen::MatrixXd product(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(a.rows(), b.cols());
  for (Eigen::Index j = 0; j < b.cols(); ++j)
    for (Eigen::Index k = 0; k < a.cols(); ++k)
      for (Eigen::Index i = 0; i < a.rows(); ++i) r(i, j) += a(i, k) * b(k, j);
  return r;
}

template <class F>
std::string dimension_message(F f) {
  try {
    f();
  } catch (const symgrad::dimension_error& e) {
    return e.what();
  }
  return "(no dimension_error)";
}

struct logistic_data {
  Eigen::MatrixXd Xd = gaussian(200, 7, 1);
  Eigen::VectorXd wd = gaussian(7, 1, 2).col(0);
  Eigen::VectorXd yd = labels(200, 3);
  double bd = 0.3;
};

// ---- products (products.cpp, chains.cpp) ----

inline constexpr auto A = matrix<"A">(dim<"p">, dim<"q">);
inline constexpr auto B = matrix<"B">(dim<"p">, dim<"q">);
inline constexpr auto u = vector<"u">(dim<"p">);
inline constexpr auto v = vector<"v">(dim<"q">);
inline constexpr auto s = scalar<"s">;
inline constexpr auto r = var<"r", shape<unit_dim, dim_t<"q">>>{};  // a row vector
using A_t = leaf_t<decltype(A)>;
using B_t = leaf_t<decltype(B)>;
using u_t = leaf_t<decltype(u)>;
using v_t = leaf_t<decltype(v)>;
using s_t = leaf_t<decltype(s)>;
using r_t = leaf_t<decltype(r)>;
template <class T>
using T_t = node<op::transpose, T>;
template <class... F>
using mm = node<op::matmul, F...>;

// The values, some bound to blocks of larger matrices: strided columns (A, B) and a
// strided row (r), so the kernels see both layouts.
struct product_data {
  Eigen::MatrixXd big = gaussian(9, 8, 30);
  Eigen::MatrixXd Bd = gaussian(6, 5, 31);
  Eigen::VectorXd ud = gaussian(6, 1, 32).col(0);
  Eigen::VectorXd vd = gaussian(5, 1, 33).col(0);
  double sd = -1.25;
  auto Ad() const { return big.block(1, 2, 6, 5); }  // 6 x 5, outer stride 9
  auto rd() const { return big.block(8, 1, 1, 5); }  // 1 x 5, entries 9 apart
};

}  // namespace eval_test
