#pragma once
// Numeric kernels on evaluated operands: doubles for scalar shapes, Eigen matrices
// otherwise. Results are written into the caller's cache entry (`out`).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <Eigen/Core>

#include "../expr/ops.hpp"
#include "../expr/rational.hpp"

namespace symgrad::eval_detail {

template <class T>
inline constexpr bool is_number_v = std::is_same_v<std::remove_cvref_t<T>, double>;

// Broadcasting: a number stays a number, a matrix becomes an array.
inline double arr(double x) { return x; }
template <class D>
auto arr(const Eigen::MatrixBase<D>& m) { return m.array(); }

// ---- elementwise functions ------------------------------------------------------------

inline double fn(op::exp, double x) { return std::exp(x); }
inline double fn(op::log, double x) { return std::log(x); }
inline double fn(op::sin, double x) { return std::sin(x); }
inline double fn(op::cos, double x) { return std::cos(x); }
inline double fn(op::tanh, double x) { return std::tanh(x); }
// exp(-|x|) never overflows, so neither branch produces inf / inf.
inline double fn(op::sigmoid, double x) {
  const double e = std::exp(-std::abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}
inline double fn(op::softplus, double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

template <class Out, class D>
void fn_into(op::exp, Out& out, const Eigen::MatrixBase<D>& x) { out = x.array().exp().matrix(); }
template <class Out, class D>
void fn_into(op::log, Out& out, const Eigen::MatrixBase<D>& x) { out = x.array().log().matrix(); }
template <class Out, class D>
void fn_into(op::sin, Out& out, const Eigen::MatrixBase<D>& x) { out = x.array().sin().matrix(); }
template <class Out, class D>
void fn_into(op::cos, Out& out, const Eigen::MatrixBase<D>& x) { out = x.array().cos().matrix(); }
template <class Out, class D>
void fn_into(op::tanh, Out& out, const Eigen::MatrixBase<D>& x) { out = x.array().tanh().matrix(); }
template <class Out, class D>
void fn_into(op::sigmoid, Out& out, const Eigen::MatrixBase<D>& x) {
  out = (-x.array().abs()).exp().matrix();  // e = exp(-|x|), then in place (coefficient-wise, no aliasing)
  out = (x.array() >= 0.0).select((1.0 + out.array()).inverse(), out.array() / (1.0 + out.array())).matrix();
}
template <class Out, class D>
void fn_into(op::softplus, Out& out, const Eigen::MatrixBase<D>& x) {
  out = (x.array().max(0.0) + (-x.array().abs()).exp().log1p()).matrix();
}

// ---- powers -----------------------------------------------------------------------------

// Integer powers by repeated squaring: exact for small exponents, no call to std::pow.
inline double int_pow(double x, std::intmax_t k) {
  auto n = static_cast<std::uintmax_t>(k < 0 ? -k : k);
  double r = 1, b = x;
  for (; n != 0; n >>= 1, b *= b)
    if (n & 1u) r *= b;
  return k < 0 ? 1 / r : r;
}

template <rat P>
double pow_of(double x) {
  if constexpr (P == rat{1, 2}) return std::sqrt(x);
  else if constexpr (P == rat{-1, 2}) return 1 / std::sqrt(x);
  else if constexpr (is_integer(P)) return int_pow(x, P.num);
  else return std::pow(x, to_double(P));
}

template <rat P, class Out, class D>
void pow_into(Out& out, const Eigen::MatrixBase<D>& x) {
  const auto a = x.array();
  if constexpr (P == rat{1, 2}) out = a.sqrt().matrix();
  else if constexpr (P == rat{-1, 2}) out = a.sqrt().inverse().matrix();
  else if constexpr (P == rat{1, 1}) out = x;
  else if constexpr (P == rat{-1, 1}) out = a.inverse().matrix();
  else if constexpr (P == rat{2, 1}) out = a.square().matrix();
  else if constexpr (P == rat{3, 1}) out = a.cube().matrix();
  else if constexpr (is_integer(P)) out = a.unaryExpr([](double v) { return int_pow(v, P.num); }).matrix();
  else out = a.pow(to_double(P)).matrix();
}

// ---- sums and products of any arity ----------------------------------------------------

template <class Out, class L, class R>
void add_into(Out& out, const L& l, const R& r) { out = (arr(l) + arr(r)).matrix(); }
template <class Out, class... V>
  requires(sizeof...(V) > 2)
void add_into(Out& out, const V&... v) {
  double s = 0;
  bool started = false;
  auto add = [&](const auto& x) {
    if constexpr (is_number_v<decltype(x)>) s += x;
    else if (started) out += x;
    else { out = x; started = true; }
  };
  (add(v), ...);
  if constexpr ((is_number_v<V> || ...)) out.array() += s;
}

template <class Out, class L, class R>
void mul_into(Out& out, const L& l, const R& r) { out = (arr(l) * arr(r)).matrix(); }
template <class Out, class... V>
  requires(sizeof...(V) > 2)
void mul_into(Out& out, const V&... v) {
  double p = 1;
  bool started = false;
  auto mul = [&](const auto& x) {
    if constexpr (is_number_v<decltype(x)>) p *= x;
    else if (started) out.array() *= x.array();
    else { out = x; started = true; }
  };
  (mul(v), ...);
  if constexpr ((is_number_v<V> || ...)) out *= p;
}

// ---- matrix product chains --------------------------------------------------------------

// An operand of a chain, possibly read transposed.
struct factor {
  Eigen::Ref<const Eigen::MatrixXd> m;
  bool transposed;
  Eigen::Index rows() const { return transposed ? m.cols() : m.rows(); }
  Eigen::Index cols() const { return transposed ? m.rows() : m.cols(); }
};

template <class Out>
void multiply_into(Out& out, const factor& a, const factor& b) {
  if (!a.transposed && !b.transposed) out.noalias() = a.m * b.m;
  else if (!b.transposed) out.noalias() = a.m.transpose() * b.m;
  else if (!a.transposed) out.noalias() = a.m * b.m.transpose();
  else out.noalias() = a.m.transpose() * b.m.transpose();
}

// Matrix-chain order by dynamic programming over multiply-adds. dims[i] x dims[i+1] is the
// shape of factor i; split[i * K + j] is where the product of factors i..j is divided.
template <std::size_t K>
std::array<std::size_t, K * K> matmul_order(const std::array<Eigen::Index, K + 1>& dims) {
  std::array<double, K * K> cost{};
  std::array<std::size_t, K * K> split{};
  for (std::size_t len = 2; len <= K; ++len) {
    for (std::size_t i = 0; i + len <= K; ++i) {
      const std::size_t j = i + len - 1;
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t k = i; k < j; ++k) {
        const double c = cost[i * K + k] + cost[(k + 1) * K + j] +
                         static_cast<double>(dims[i]) * static_cast<double>(dims[k + 1]) * static_cast<double>(dims[j + 1]);
        if (c < best) { best = c; split[i * K + j] = k; }
      }
      cost[i * K + j] = best;
    }
  }
  return split;
}

template <std::size_t K>
class chain {
 public:
  explicit chain(const std::array<factor, K>& f) : f_(f) {
    std::array<Eigen::Index, K + 1> dims{};
    for (std::size_t i = 0; i < K; ++i) dims[i] = f[i].rows();
    dims[K] = f[K - 1].cols();
    split_ = matmul_order<K>(dims);
  }

  template <class Out>
  void into(Out& out) const {
    if constexpr (K == 1) {
      if (f_[0].transposed) out = f_[0].m.transpose();
      else out = f_[0].m;
    } else into(out, 0, K - 1);
  }

 private:
  template <class Out>
  void into(Out& out, std::size_t i, std::size_t j) const {
    const std::size_t k = split_[i * K + j];
    Eigen::MatrixXd left, right;  // intermediate products; stay empty for single factors
    multiply_into(out, side(left, i, k), side(right, k + 1, j));
  }

  factor side(Eigen::MatrixXd& tmp, std::size_t i, std::size_t j) const {
    if (i == j) return f_[i];
    into(tmp, i, j);
    return factor{tmp, false};
  }

  const std::array<factor, K>& f_;
  std::array<std::size_t, K * K> split_;
};

}  // namespace symgrad::eval_detail
