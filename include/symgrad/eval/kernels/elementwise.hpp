#pragma once
// Elementwise arithmetic: loops over Eigen's packets, and the lanes fused regions are built from.
#include <cmath>
#include <cstddef>
#include <type_traits>

#include <Eigen/Core>

#include "../../expr/ops.hpp"
#include "views.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// ---- arithmetic: loops over Eigen's packets -------------------------------------------------
// Arithmetic is exactly rounded, so these loops give Eigen's results, with the packet
// operations Eigen's expressions would use, at a fraction of their compile time (an Eigen
// assignment instantiates its whole expression and evaluator machinery).

namespace packets = Eigen::internal;  // Eigen's packet operations
using packet = packets::packet_traits<double>::type;
inline constexpr Index packet_size = packets::unpacket_traits<packet>::size;

// A scalar operand, with its broadcast packet.
struct broadcast {
  double s;
  packet p;
};
inline broadcast lanes(double x) { return {x, packets::pset1<packet>(x)}; }
inline const double* lanes(const double* p) { return p; }

inline packet load(const double* p, Index i) { return packets::ploadu<packet>(p + i); }
inline packet load(const broadcast& b, Index) { return b.p; }
inline double at(const double* p, Index i) { return p[i]; }
inline double at(const broadcast& b, Index) { return b.s; }

// out[i] = F(a[i]...) for i < n; the operands may include `out` itself (in place).
template <class F, class... A>
void packet_loop(double* out, Index n, const A&... a) {
  Index i = 0;
  for (; i + packet_size <= n; i += packet_size) packets::pstoreu(out + i, F::p(load(a, i)...));
  for (; i < n; ++i) out[i] = F::s(at(a, i)...);
}

struct f_add {
  static packet p(const packet& a, const packet& b) { return packets::padd(a, b); }
  static double s(double a, double b) { return a + b; }
};
struct f_sub {
  static packet p(const packet& a, const packet& b) { return packets::psub(a, b); }
  static double s(double a, double b) { return a - b; }
};
struct f_mul {
  static packet p(const packet& a, const packet& b) { return packets::pmul(a, b); }
  static double s(double a, double b) { return a * b; }
};
struct f_div {
  static packet p(const packet& a, const packet& b) { return packets::pdiv(a, b); }
  static double s(double a, double b) { return a / b; }
};
struct f_neg {
  static packet p(const packet& a) { return packets::pnegate(a); }
  static double s(double a) { return -a; }
};
struct f_inverse {
  static packet p(const packet& a) { return packets::pdiv(packets::pset1<packet>(1.0), a); }
  static double s(double a) { return 1.0 / a; }
};
struct f_square {
  static packet p(const packet& a) { return packets::pmul(a, a); }
  static double s(double a) { return a * a; }
};
struct f_cube {
  static packet p(const packet& a) { return packets::pmul(a, packets::pmul(a, a)); }
  static double s(double a) { return a * a * a; }
};
struct f_sqrt {
  static packet p(const packet& a) { return packets::psqrt(a); }
  static double s(double a) { return std::sqrt(a); }
};
struct f_rsqrt {
  static packet p(const packet& a) { return packets::pdiv(packets::pset1<packet>(1.0), packets::psqrt(a)); }
  static double s(double a) { return 1.0 / std::sqrt(a); }
};

// A kernel from a packet functor F.
template <class F>
struct k_packet {
  template <class... A>
  static void run(double* out, Index n, const A&... a) { packet_loop<F>(out, n, lanes(a)...); }
};

struct k_copy {
  static void run(double* out, Index n, const double* x) { std::copy_n(x, n, out); }
  static void run(double* out, Index n, double x) { std::fill_n(out, n, x); }  // a stretched row's entry
};
using k_neg = k_packet<f_neg>;

template <class Op>
struct arith;
template <>
struct arith<op::add> { using type = f_add; };
template <>
struct arith<op::sub> { using type = f_sub; };
template <>
struct arith<op::mul> { using type = f_mul; };
template <>
struct arith<op::div> { using type = f_div; };

template <class Op>
using k_binary = k_packet<typename arith<Op>::type>;

// In place, for sums and products of more than two operands.
template <class Op>
struct k_into {
  template <class X>
  static void run(double* out, Index n, const X& x) {
    packet_loop<typename arith<Op>::type>(out, n, static_cast<const double*>(out), lanes(x));
  }
};

// How far an operand is from the result's shape: matrix, stretched column, stretched row,
// scalar.
template <class T>
inline constexpr int spread_v = 0;
template <>
inline constexpr int spread_v<stretched_cols> = 1;
template <>
inline constexpr int spread_v<stretched_rows> = 2;
template <>
inline constexpr int spread_v<double> = 3;

template <class Op, class L, class R>
void binary(const sink& out, const L& l, const R& r) {
  // Sums and products are commutative (exactly, in floating point): the more spread operand
  // goes right, so `s + x` shares the kernel of `x + s`, and `b + X` that of `X + b`.
  if constexpr ((std::is_same_v<Op, op::add> || std::is_same_v<Op, op::mul>) && spread_v<L> > spread_v<R>)
    apply<k_binary<Op>>(out, r, l);
  else apply<k_binary<Op>>(out, l, r);
}

// Sums and products of any arity (> 2) with at least one vector or matrix operand:
// out = m1 op m2, then op= the further matrices in order, then op= the scalars' combination
// (s, or identity if there is no scalar). One instantiation per operation, whatever the
// arity and order of the operands.
template <class Op>
void nary_run(const sink& out, const dense_view* const* m, std::size_t count, bool any_scalar, double s) {
  const Index rows = m[0]->rows, cols = m[0]->cols;
  double* o = out.resize(rows, cols);
  if (count == 1) {
    over_segments<k_binary<Op>>(o, rows, cols, *m[0], s);
    return;
  }
  over_segments<k_binary<Op>>(o, rows, cols, *m[0], *m[1]);
  for (std::size_t i = 2; i < count; ++i) over_segments<k_into<Op>>(o, rows, cols, *m[i]);
  if (any_scalar) over_segments<k_into<Op>>(o, rows, cols, s);
}

// With stretched operands (their kinds at run time, so still one instantiation per
// operation): out = the first, then op= the others in order, then op= the scalars'
// combination. There are at least two operands that are not scalars (with one, nothing
// would be stretched).
struct nary_operand {
  dense_view v;
  stretch along;
};

template <class K, class... S>
void over_operand(double* out, Index rows, Index cols, const nary_operand& x, const S&... s) {
  if (x.along == stretch::rows) over_segments<K>(out, rows, cols, stretched_rows{x.v}, s...);
  else if (x.along == stretch::cols) over_segments<K>(out, rows, cols, stretched_cols{x.v}, s...);
  else over_segments<K>(out, rows, cols, x.v, s...);
}

template <class Op>
void nary_stretched_run(const sink& out, const nary_operand* m, std::size_t count, bool any_scalar, double s) {
  std::size_t r = 0, c = 0;  // see rows_source
  while (r + 1 < count && m[r].along == stretch::rows) ++r;
  while (c + 1 < count && m[c].along == stretch::cols) ++c;
  const Index rows = m[r].v.rows, cols = m[c].v.cols;
  double* o = out.resize(rows, cols);
  std::size_t i = 2;
  if (m[0].along == stretch::none && m[1].along == stretch::none)
    over_segments<k_binary<Op>>(o, rows, cols, m[0].v, m[1].v);
  else {
    over_operand<k_copy>(o, rows, cols, m[0]);
    i = 1;
  }
  for (; i < count; ++i) over_operand<k_into<Op>>(o, rows, cols, m[i]);
  if (any_scalar) over_segments<k_into<Op>>(o, rows, cols, s);
}

template <class Op, class... V>
void nary(const sink& out, const V&... v) {
  constexpr bool is_add = std::is_same_v<Op, op::add>;
  double s = is_add ? 0.0 : 1.0;
  std::size_t count = 0;
  if constexpr (((is_number_v<V> || std::is_same_v<V, dense_view>) && ...)) {
    const dense_view* m[sizeof...(V)];
    auto scan = [&](const auto& x) {
      if constexpr (is_number_v<decltype(x)>) s = is_add ? s + x : s * x;
      else m[count++] = &x;
    };
    (scan(v), ...);
    nary_run<Op>(out, m, count, (is_number_v<V> || ...), s);
  } else {
    nary_operand m[sizeof...(V)];
    auto scan = [&]<class X>(const X& x) {
      if constexpr (is_number_v<X>) s = is_add ? s + x : s * x;
      else if constexpr (std::is_same_v<X, dense_view>) m[count++] = {x, stretch::none};
      else m[count++] = {x.v, X::along};
    };
    (scan(v), ...);
    nary_stretched_run<Op>(out, m, count, (is_number_v<V> || ...), s);
  }
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
