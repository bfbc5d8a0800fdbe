#pragma once
// Elementwise functions (exp, log, sigmoid, ...) and powers, on numbers and on packets.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../../expr/rational.hpp"
#include "../ops.hpp"
#include "elementwise.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// ---- elementwise functions: scalar forms, packet lanes, Eigen array expressions ------------
// A built-in function with a packet form (lane_fn) runs, alone or fused, as a loop over
// packets; one without runs as an Eigen array expression (array_fn), which keeps Eigen's
// choice of whether a vectorised version exists. fn is the scalar form of each.

// Each fn is a template on the number type R (double or float): compiled only for the types
// an evaluation uses.
#define SYMGRAD_FN(Op, expr)             \
  template <class R>                     \
    requires is_number_v<R>              \
  R fn(Op, R x) {                        \
    return expr;                         \
  }
SYMGRAD_FN(op::exp, std::exp(x))
SYMGRAD_FN(op::log, std::log(x))
SYMGRAD_FN(op::sin, std::sin(x))
SYMGRAD_FN(op::cos, std::cos(x))
SYMGRAD_FN(op::tanh, std::tanh(x))
SYMGRAD_FN(op::abs, std::abs(x))
SYMGRAD_FN(op::log1p, std::log1p(x))
SYMGRAD_FN(op::expm1, std::expm1(x))
SYMGRAD_FN(op::erf, std::erf(x))
// As Eigen's max(0) below: a NaN propagates, -0 stays -0 (both equal 0).
SYMGRAD_FN(op::relu, std::max(x, R(0)))
// 1 for x > 0, else 0: step(0) = 0, and a NaN gives 0.
SYMGRAD_FN(op::step, x > 0 ? R(1) : R(0))
// sign(0) = 0, and a NaN gives 0, as step.
SYMGRAD_FN(op::sign, static_cast<R>((x > 0) - (x < 0)))
SYMGRAD_FN(op::softplus, std::max(x, R(0)) + std::log1p(std::exp(-std::abs(x))))
#undef SYMGRAD_FN
// exp(-|x|) never overflows, so neither branch produces inf / inf.
template <class R>
  requires is_number_v<R>
R fn(op::sigmoid, R x) {
  const R e = std::exp(-std::abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}
// As Eigen's pmax / pmin below: the first operand where either is a NaN.
template <class R>
  requires is_number_v<R>
R fn(op::maximum, R a, R b) { return std::max(a, b); }
template <class R>
  requires is_number_v<R>
R fn(op::minimum, R a, R b) { return std::min(a, b); }
// c (r - c / 2), c = clip(r, -delta, delta): r * (r / 2) inside, delta (|r| - delta / 2) beyond.
template <class R>
  requires is_number_v<R>
R fn(op::huber, R r, R delta) {
  const R c = std::min(std::max(r, -delta), delta);
  return c * (r - R(0.5) * c);
}
// A user's function gives its own value (computed in the type it is written for, then
// rounded to the evaluation's type).
template <class Op, class R, class... D>
  requires op::is_user_function_v<Op>
R fn(Op, R x, D... y) {
  return static_cast<R>(Op::value(x, y...));
}
// sigmoid(u) from e = exp(-|u|), as fn(op::sigmoid, u) computes it.
template <class R>
  requires is_number_v<R>
R fn(op::sigmoid_e, R u, R e) { return u >= 0 ? 1 / (1 + e) : e / (1 + e); }

// Packet versions of the built-in functions, so that a chain of elementwise operations runs
// as one loop over packets (plan/fuse.hpp): lane_fn<Op>::p on a packet, lane_fn<Op>::s on a number
// (fn above). Where Eigen has no vectorised version for doubles (softplus's log1p, and sin,
// cos, tanh without EIGEN_FAST_MATH), each lane calls the scalar function, as Eigen's own
// array expressions do.
template <class Op>
struct lane_fn {
  static constexpr bool defined = false;
};
template <class Op>
inline constexpr bool has_lanes_v = lane_fn<Op>::defined;

// The number type of a packet's lanes.
template <class P>
using lane_t = typename packets::unpacket_traits<P>::type;

// F::s on each lane of the packets.
template <class F, class P, class... Q>
P per_lane(const P& x0, const Q&... x) {
  using R = lane_t<P>;
  constexpr int n = packets::unpacket_traits<P>::size;
  R in[1 + sizeof...(Q)][n], out[n];
  std::size_t k = 0;
  packets::pstoreu(in[k++], x0);
  ((packets::pstoreu(in[k++], x)), ...);
  for (int l = 0; l < n; ++l)
    out[l] = [&]<std::size_t... J>(std::index_sequence<J...>) { return F::s(in[J][l]...); }(std::make_index_sequence<1 + sizeof...(Q)>{});
  return packets::ploadu<P>(out);
}

template <class Op>
struct function_lanes {
  static constexpr bool defined = true;
  template <class R, class... D>
  static R s(R x, D... y) { return fn(Op{}, x, y...); }
};
template <class P>
P pzero() { return packets::pset1<P>(lane_t<P>(0)); }

// exp of each lane: Eigen's vectorised exp, as hand-written Eigen code has it (against libm's
// lane by lane, 1.5x the time on one SSE2 machine, 0.78x on another). Below -709.78 (float:
// -88.376) Eigen clamps its result to the smallest normal number where libm's underflows:
// those lanes are 0, without a branch (a branch to libm for them cost back most of the gain).
template <class P>
P exp_packet(const P& x) {
  const lane_t<P> floor = std::is_same_v<lane_t<P>, float> ? lane_t<P>(-88.3762626647949) : lane_t<P>(-709.78);
  return packets::pandnot(packets::pexp(x), packets::pcmp_lt(x, packets::pset1<P>(floor)));
}

template <>
struct lane_fn<op::exp> : function_lanes<op::exp> {
  template <class P>
  static P p(const P& x) { return exp_packet(x); }
};
template <>
struct lane_fn<op::log> : function_lanes<op::log> {
  template <class P>
  static P p(const P& x) { return packets::plog(x); }
};
template <>
struct lane_fn<op::sin> : function_lanes<op::sin> {
  template <class P>
  static P p(const P& x) {
    if constexpr (packets::packet_traits<lane_t<P>>::HasSin) return packets::psin(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::cos> : function_lanes<op::cos> {
  template <class P>
  static P p(const P& x) {
    if constexpr (packets::packet_traits<lane_t<P>>::HasCos) return packets::pcos(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::tanh> : function_lanes<op::tanh> {
  template <class P>
  static P p(const P& x) {
    if constexpr (packets::packet_traits<lane_t<P>>::HasTanh) return packets::ptanh(x);
    else return per_lane<lane_fn>(x);
  }
};
// 1 / (1 + e) for u >= 0, e / (1 + e) otherwise (a NaN takes the second), e = exp(-|u|).
template <class P>
P sigmoid_packet(const P& u, const P& e) {
  return packets::pdiv(packets::pselect(packets::pcmp_le(pzero<P>(), u), pone<P>(), e), packets::padd(pone<P>(), e));
}
template <class P>
P exp_minus_abs(const P& x) { return exp_packet(packets::pnegate(packets::pabs(x))); }

template <>
struct lane_fn<op::sigmoid> : function_lanes<op::sigmoid> {
  template <class P>
  static P p(const P& x) { return sigmoid_packet(x, exp_minus_abs(x)); }
};
template <>
struct lane_fn<op::sigmoid_e> : function_lanes<op::sigmoid_e> {
  template <class P>
  static P p(const P& u, const P& e) { return sigmoid_packet(u, e); }
};
template <>
struct lane_fn<op::log1p> : function_lanes<op::log1p> {
  template <class P>
  static P p(const P& x) {
    if constexpr (packets::packet_traits<lane_t<P>>::HasLog1p) return packets::plog1p(x);
    else return per_lane<lane_fn>(x);
  }
};
// max(x, 0) + log1p(exp(-|x|)), the same operations as fn.
template <>
struct lane_fn<op::softplus> : function_lanes<op::softplus> {
  template <class P>
  static P p(const P& x) {
    return packets::padd(packets::pmax(x, pzero<P>()), lane_fn<op::log1p>::p(exp_minus_abs(x)));
  }
};
template <>
struct lane_fn<op::relu> : function_lanes<op::relu> {
  template <class P>
  static P p(const P& x) { return packets::pmax(x, pzero<P>()); }
};
template <>
struct lane_fn<op::abs> : function_lanes<op::abs> {
  template <class P>
  static P p(const P& x) { return packets::pabs(x); }
};
template <>
struct lane_fn<op::step> : function_lanes<op::step> {
  template <class P>
  static P p(const P& x) { return packets::pand(packets::pcmp_lt(pzero<P>(), x), pone<P>()); }
};
template <>
struct lane_fn<op::sign> : function_lanes<op::sign> {
  template <class P>
  static P p(const P& x) {
    return packets::psub(packets::pand(packets::pcmp_lt(pzero<P>(), x), pone<P>()),
                         packets::pand(packets::pcmp_lt(x, pzero<P>()), pone<P>()));
  }
};
template <>
struct lane_fn<op::expm1> : function_lanes<op::expm1> {
  template <class P>
  static P p(const P& x) {
    if constexpr (packets::packet_traits<lane_t<P>>::HasExpm1) return packets::pexpm1(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::erf> : function_lanes<op::erf> {
  template <class P>
  static P p(const P& x) { return per_lane<lane_fn>(x); }
};
template <>
struct lane_fn<op::maximum> : function_lanes<op::maximum> {
  template <class P>
  static P p(const P& a, const P& b) { return packets::pmax(a, b); }
};
template <>
struct lane_fn<op::minimum> : function_lanes<op::minimum> {
  template <class P>
  static P p(const P& a, const P& b) { return packets::pmin(a, b); }
};
template <>
struct lane_fn<op::huber> : function_lanes<op::huber> {
  template <class P>
  static P p(const P& r, const P& delta) {
    const P c = packets::pmin(packets::pmax(r, packets::pnegate(delta)), delta);
    return packets::pmul(c, packets::psub(r, packets::pmul(packets::pset1<P>(lane_t<P>(0.5)), c)));
  }
};

// A user's function: its packet form where it gives one, else its value lane by lane; either
// way it is fused like the built-in functions.
template <class Op>
  requires op::is_user_function_v<Op>
struct lane_fn<Op> : function_lanes<Op> {
  template <class P, class... Q>
  static P p(const P& x0, const Q&... x) {
    if constexpr (requires { { Op::packet(x0, x...) } -> std::same_as<P>; }) return Op::packet(x0, x...);
    else return per_lane<function_lanes<Op>>(x0, x...);
  }
};

// Functions added from outside the library with an older interface (an is_function_v
// specialisation) are computed by array_fn<Op>::eval(d, x), an Eigen array expression on maps
// of the segments.
template <class Fn>
struct array_fn;

template <class F>
struct k_array {
  template <class R>
  static void run(R* out, Index n, const R* x) {
    array_map<R> d(out, n);
    F::eval(d, const_array_map<R>(x, n));
  }
};

// ---- powers -----------------------------------------------------------------------------

// Integer powers by repeated squaring: exact for small exponents, no call to std::pow.
template <class R>
R int_pow(R x, std::intmax_t k) {
  auto n = static_cast<std::uintmax_t>(k < 0 ? -k : k);
  R r = 1, b = x;
  for (; n != 0; n >>= 1, b *= b)
    if (n & 1u) r *= b;
  return k < 0 ? 1 / r : r;
}

template <rat P, class R>
R pow_of(R x) {
  if constexpr (P == rat{1, 2}) return std::sqrt(x);
  else if constexpr (P == rat{-1, 2}) return 1 / std::sqrt(x);
  else if constexpr (is_integer(P)) return int_pow(x, P.num);
  else return std::pow(x, static_cast<R>(to_double(P)));
}

// x^P on packets: the exponents with a packet operation, else each lane (integer powers by
// squaring, others by std::pow).
template <rat E>
struct pow_lanes {
  static constexpr bool defined = true;
  template <class R>
  static R s(R x) { return pow_of<E>(x); }
  template <class P>
  static P p(const P& x) {
    if constexpr (E == rat{1, 2}) return f_sqrt::p(x);
    else if constexpr (E == rat{-1, 2}) return f_rsqrt::p(x);
    else if constexpr (E == rat{1, 1}) return x;
    else if constexpr (E == rat{-1, 1}) return f_inverse::p(x);
    else if constexpr (E == rat{2, 1}) return f_square::p(x);
    else if constexpr (E == rat{3, 1}) return f_cube::p(x);
    else return per_lane<pow_lanes>(x);
  }
};

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
