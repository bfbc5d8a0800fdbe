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
template <class R>
using packet_t = typename packets::packet_traits<R>::type;
template <class R>
inline constexpr Index packet_size = packets::unpacket_traits<packet_t<R>>::size;

// A scalar operand, with its broadcast packet.
template <class R>
struct broadcast {
  R s;
  packet_t<R> p;
};
template <class R>
  requires is_number_v<R>
broadcast<R> lanes(R x) { return {x, packets::pset1<packet_t<R>>(x)}; }
template <class R>
const R* lanes(const R* p) { return p; }

template <class R>
packet_t<R> load(const R* p, Index i) { return packets::ploadu<packet_t<R>>(p + i); }
template <class R>
packet_t<R> load(const broadcast<R>& b, Index) { return b.p; }
template <class R>
R at(const R* p, Index i) { return p[i]; }
template <class R>
R at(const broadcast<R>& b, Index) { return b.s; }

// out[i] = F(a[i]...) for i < n; the operands may include `out` itself (in place).
template <class F, class R, class... A>
void packet_loop(R* out, Index n, const A&... a) {
  Index i = 0;
  for (; i + packet_size<R> <= n; i += packet_size<R>) packets::pstoreu(out + i, F::p(load(a, i)...));
  for (; i < n; ++i) out[i] = F::s(at(a, i)...);
}

// One in every packet lane: the numerator of reciprocals.
template <class P>
P pone() { return packets::pset1<P>(typename packets::unpacket_traits<P>::type(1)); }

struct f_add {
  template <class P>
  static P p(const P& a, const P& b) { return packets::padd(a, b); }
  template <class R>
  static R s(R a, R b) { return a + b; }
};
struct f_sub {
  template <class P>
  static P p(const P& a, const P& b) { return packets::psub(a, b); }
  template <class R>
  static R s(R a, R b) { return a - b; }
};
struct f_mul {
  template <class P>
  static P p(const P& a, const P& b) { return packets::pmul(a, b); }
  template <class R>
  static R s(R a, R b) { return a * b; }
};
struct f_div {
  template <class P>
  static P p(const P& a, const P& b) { return packets::pdiv(a, b); }
  template <class R>
  static R s(R a, R b) { return a / b; }
};
struct f_neg {
  template <class P>
  static P p(const P& a) { return packets::pnegate(a); }
  template <class R>
  static R s(R a) { return -a; }
};
struct f_inverse {
  template <class P>
  static P p(const P& a) { return packets::pdiv(pone<P>(), a); }
  template <class R>
  static R s(R a) { return R(1) / a; }
};
struct f_square {
  template <class P>
  static P p(const P& a) { return packets::pmul(a, a); }
  template <class R>
  static R s(R a) { return a * a; }
};
struct f_cube {
  template <class P>
  static P p(const P& a) { return packets::pmul(a, packets::pmul(a, a)); }
  template <class R>
  static R s(R a) { return a * a * a; }
};
struct f_sqrt {
  template <class P>
  static P p(const P& a) { return packets::psqrt(a); }
  template <class R>
  static R s(R a) { return std::sqrt(a); }
};
struct f_rsqrt {
  template <class P>
  static P p(const P& a) { return packets::pdiv(pone<P>(), packets::psqrt(a)); }
  template <class R>
  static R s(R a) { return R(1) / std::sqrt(a); }
};

// A kernel from a packet functor F.
template <class F>
struct k_packet {
  template <class R, class... A>
  static void run(R* out, Index n, const A&... a) { packet_loop<F>(out, n, lanes(a)...); }
};

struct k_copy {
  template <class R>
  static void run(R* out, Index n, const R* x) { std::copy_n(x, n, out); }
  template <class R>
  static void run(R* out, Index n, R x) { std::fill_n(out, n, x); }  // a stretched row's entry
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
  template <class R, class X>
  static void run(R* out, Index n, const X& x) {
    packet_loop<typename arith<Op>::type>(out, n, static_cast<const R*>(out), lanes(x));
  }
};

// How far an operand is from the result's shape: matrix, stretched column, stretched row,
// scalar.
template <class T>
inline constexpr int spread_v = is_number_v<T> ? 3 : 0;
template <class R>
inline constexpr int spread_v<stretched_cols<R>> = 1;
template <class R>
inline constexpr int spread_v<stretched_rows<R>> = 2;

template <class Op, class N, class L, class R>
void binary(const sink<N>& out, const L& l, const R& r) {
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
template <class Op, class R>
void nary_run(const sink<R>& out, const dense_view<R>* const* m, std::size_t count, bool any_scalar, R s) {
  const Index rows = m[0]->rows, cols = m[0]->cols;
  R* o = out.resize(rows, cols);
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
template <class R>
struct nary_operand {
  dense_view<R> v;
  stretch along;
};

template <class K, class R, class... S>
void over_operand(R* out, Index rows, Index cols, const nary_operand<R>& x, const S&... s) {
  if (x.along == stretch::rows) over_segments<K>(out, rows, cols, stretched_rows<R>{x.v}, s...);
  else if (x.along == stretch::cols) over_segments<K>(out, rows, cols, stretched_cols<R>{x.v}, s...);
  else over_segments<K>(out, rows, cols, x.v, s...);
}

template <class Op, class R>
void nary_stretched_run(const sink<R>& out, const nary_operand<R>* m, std::size_t count, bool any_scalar, R s) {
  std::size_t r = 0, c = 0;  // see rows_source
  while (r + 1 < count && m[r].along == stretch::rows) ++r;
  while (c + 1 < count && m[c].along == stretch::cols) ++c;
  const Index rows = m[r].v.rows, cols = m[c].v.cols;
  R* o = out.resize(rows, cols);
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

template <class Op, class R, class... V>
void nary(const sink<R>& out, const V&... v) {
  constexpr bool is_add = std::is_same_v<Op, op::add>;
  R s = is_add ? R(0) : R(1);
  std::size_t count = 0;
  if constexpr (((is_number_v<V> || std::is_same_v<V, dense_view<R>>) && ...)) {
    const dense_view<R>* m[sizeof...(V)];
    auto scan = [&](const auto& x) {
      if constexpr (is_number_v<decltype(x)>) s = is_add ? s + x : s * x;
      else m[count++] = &x;
    };
    (scan(v), ...);
    nary_run<Op>(out, m, count, (is_number_v<V> || ...), s);
  } else {
    nary_operand<R> m[sizeof...(V)];
    auto scan = [&]<class X>(const X& x) {
      if constexpr (is_number_v<X>) s = is_add ? s + x : s * x;
      else if constexpr (std::is_same_v<X, dense_view<R>>) m[count++] = {x, stretch::none};
      else m[count++] = {x.v, X::along};
    };
    (scan(v), ...);
    nary_stretched_run<Op>(out, m, count, (is_number_v<V> || ...), s);
  }
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
