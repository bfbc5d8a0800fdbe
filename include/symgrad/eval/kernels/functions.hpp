#pragma once
// Elementwise functions (exp, log, sigmoid, ...) and powers, on doubles and on packets.
#include <algorithm>
#include <cmath>
#include <cstddef>
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
// As Eigen's max(0.0) below: a NaN propagates, -0 stays -0 (both equal 0).
inline double fn(op::relu, double x) { return std::max(x, 0.0); }
// 1 for x > 0, else 0: step(0) = 0, and a NaN gives 0.
inline double fn(op::step, double x) { return x > 0 ? 1.0 : 0.0; }
inline double fn(op::abs, double x) { return std::abs(x); }
// sign(0) = 0, and a NaN gives 0, as step.
inline double fn(op::sign, double x) { return static_cast<double>((x > 0) - (x < 0)); }
inline double fn(op::log1p, double x) { return std::log1p(x); }
inline double fn(op::expm1, double x) { return std::expm1(x); }
inline double fn(op::erf, double x) { return std::erf(x); }
// As Eigen's pmax / pmin below: the first operand where either is a NaN.
inline double fn(op::maximum, double a, double b) { return std::max(a, b); }
inline double fn(op::minimum, double a, double b) { return std::min(a, b); }
// c (r - c / 2), c = clip(r, -delta, delta): r * (r / 2) inside, delta (|r| - delta / 2) beyond.
inline double fn(op::huber, double r, double delta) {
  const double c = std::min(std::max(r, -delta), delta);
  return c * (r - 0.5 * c);
}
// A user's function gives its own value.
template <class Op, class... D>
  requires op::is_user_function_v<Op>
double fn(Op, D... x) {
  return Op::value(x...);
}
// sigmoid(u) from e = exp(-|u|), as fn(op::sigmoid, u) computes it.
inline double fn(op::sigmoid_e, double u, double e) { return u >= 0 ? 1 / (1 + e) : e / (1 + e); }

// Packet versions of the built-in functions, so that a chain of elementwise operations runs
// as one loop over packets (plan/fuse.hpp): lane_fn<Op>::p on a packet, lane_fn<Op>::s on a double
// (fn above). Where Eigen has no vectorised version for doubles (softplus's log1p, and sin,
// cos, tanh without EIGEN_FAST_MATH), each lane calls the scalar function, as Eigen's own
// array expressions do.
template <class Op>
struct lane_fn {
  static constexpr bool defined = false;
};
template <class Op>
inline constexpr bool has_lanes_v = lane_fn<Op>::defined;

// F::s on each lane of the packets.
template <class F, class... P>
packet per_lane(const P&... x) {
  double in[sizeof...(P)][packet_size], out[packet_size];
  std::size_t k = 0;
  ((packets::pstoreu(in[k++], x)), ...);
  for (int l = 0; l < packet_size; ++l)
    out[l] = [&]<std::size_t... J>(std::index_sequence<J...>) { return F::s(in[J][l]...); }(std::index_sequence_for<P...>{});
  return packets::ploadu<packet>(out);
}

template <class Op>
struct function_lanes {
  static constexpr bool defined = true;
  template <class... D>
  static double s(D... x) { return fn(Op{}, x...); }
};
inline packet zero_packet() { return packets::pset1<packet>(0.0); }
inline packet one_packet() { return packets::pset1<packet>(1.0); }

// exp of each lane: Eigen's vectorised exp, as hand-written Eigen code has it (against libm's
// lane by lane, 1.5x the time on one SSE2 machine, 0.78x on another). Below -709.78 Eigen
// clamps its result to 5.6e-309 where libm's underflows: those lanes are 0, without a branch
// (a branch to libm for them cost back most of the gain).
inline packet exp_packet(const packet& x) {
  return packets::pandnot(packets::pexp(x), packets::pcmp_lt(x, packets::pset1<packet>(-709.78)));
}

template <>
struct lane_fn<op::exp> : function_lanes<op::exp> {
  static packet p(const packet& x) { return exp_packet(x); }
};
template <>
struct lane_fn<op::log> : function_lanes<op::log> {
  static packet p(const packet& x) { return packets::plog(x); }
};
template <>
struct lane_fn<op::sin> : function_lanes<op::sin> {
  static packet p(const packet& x) {
    if constexpr (packets::packet_traits<double>::HasSin) return packets::psin(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::cos> : function_lanes<op::cos> {
  static packet p(const packet& x) {
    if constexpr (packets::packet_traits<double>::HasCos) return packets::pcos(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::tanh> : function_lanes<op::tanh> {
  static packet p(const packet& x) {
    if constexpr (packets::packet_traits<double>::HasTanh) return packets::ptanh(x);
    else return per_lane<lane_fn>(x);
  }
};
// 1 / (1 + e) for u >= 0, e / (1 + e) otherwise (a NaN takes the second), e = exp(-|u|).
inline packet sigmoid_packet(const packet& u, const packet& e) {
  return packets::pdiv(packets::pselect(packets::pcmp_le(zero_packet(), u), one_packet(), e), packets::padd(one_packet(), e));
}
inline packet exp_minus_abs(const packet& x) { return exp_packet(packets::pnegate(packets::pabs(x))); }

template <>
struct lane_fn<op::sigmoid> : function_lanes<op::sigmoid> {
  static packet p(const packet& x) { return sigmoid_packet(x, exp_minus_abs(x)); }
};
template <>
struct lane_fn<op::sigmoid_e> : function_lanes<op::sigmoid_e> {
  static packet p(const packet& u, const packet& e) { return sigmoid_packet(u, e); }
};
template <>
struct lane_fn<op::log1p> : function_lanes<op::log1p> {
  static packet p(const packet& x) {
    if constexpr (packets::packet_traits<double>::HasLog1p) return packets::plog1p(x);
    else return per_lane<lane_fn>(x);
  }
};
// max(x, 0) + log1p(exp(-|x|)), the same operations as fn.
template <>
struct lane_fn<op::softplus> : function_lanes<op::softplus> {
  static packet p(const packet& x) {
    return packets::padd(packets::pmax(x, zero_packet()), lane_fn<op::log1p>::p(exp_minus_abs(x)));
  }
};
template <>
struct lane_fn<op::relu> : function_lanes<op::relu> {
  static packet p(const packet& x) { return packets::pmax(x, zero_packet()); }
};
template <>
struct lane_fn<op::abs> : function_lanes<op::abs> {
  static packet p(const packet& x) { return packets::pabs(x); }
};
template <>
struct lane_fn<op::step> : function_lanes<op::step> {
  static packet p(const packet& x) { return packets::pand(packets::pcmp_lt(zero_packet(), x), one_packet()); }
};
template <>
struct lane_fn<op::sign> : function_lanes<op::sign> {
  static packet p(const packet& x) {
    return packets::psub(packets::pand(packets::pcmp_lt(zero_packet(), x), one_packet()),
                         packets::pand(packets::pcmp_lt(x, zero_packet()), one_packet()));
  }
};
template <>
struct lane_fn<op::expm1> : function_lanes<op::expm1> {
  static packet p(const packet& x) {
    if constexpr (packets::packet_traits<double>::HasExpm1) return packets::pexpm1(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::erf> : function_lanes<op::erf> {
  static packet p(const packet& x) { return per_lane<lane_fn>(x); }
};
template <>
struct lane_fn<op::maximum> : function_lanes<op::maximum> {
  static packet p(const packet& a, const packet& b) { return packets::pmax(a, b); }
};
template <>
struct lane_fn<op::minimum> : function_lanes<op::minimum> {
  static packet p(const packet& a, const packet& b) { return packets::pmin(a, b); }
};
template <>
struct lane_fn<op::huber> : function_lanes<op::huber> {
  static packet p(const packet& r, const packet& delta) {
    const packet c = packets::pmin(packets::pmax(r, packets::pnegate(delta)), delta);
    return packets::pmul(c, packets::psub(r, packets::pmul(packets::pset1<packet>(0.5), c)));
  }
};

// A user's function: its packet form where it gives one, else its value lane by lane; either
// way it is fused like the built-in functions.
template <class Op>
  requires op::is_user_function_v<Op>
struct lane_fn<Op> : function_lanes<Op> {
  template <class... P>
  static packet p(const P&... x) {
    if constexpr (requires { Op::packet(x...); }) return Op::packet(x...);
    else return per_lane<function_lanes<Op>>(x...);
  }
};

// Functions added from outside the library with an older interface (an is_function_v
// specialisation) are computed by array_fn<Op>::eval(d, x), an Eigen array expression on maps
// of the segments.
template <class Fn>
struct array_fn;

template <class F>
struct k_array {
  static void run(double* out, Index n, const double* x) {
    dependent_t<array_map, F> d(out, n);
    F::eval(d, dependent_t<const_array_map, F>(x, n));
  }
};

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

// x^P on packets: the exponents with a packet operation, else each lane (integer powers by
// squaring, others by std::pow).
template <rat P>
struct pow_lanes {
  static constexpr bool defined = true;
  static double s(double x) { return pow_of<P>(x); }
  static packet p(const packet& x) {
    if constexpr (P == rat{1, 2}) return f_sqrt::p(x);
    else if constexpr (P == rat{-1, 2}) return f_rsqrt::p(x);
    else if constexpr (P == rat{1, 1}) return x;
    else if constexpr (P == rat{-1, 1}) return f_inverse::p(x);
    else if constexpr (P == rat{2, 1}) return f_square::p(x);
    else if constexpr (P == rat{3, 1}) return f_cube::p(x);
    else return per_lane<pow_lanes>(x);
  }
};

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
