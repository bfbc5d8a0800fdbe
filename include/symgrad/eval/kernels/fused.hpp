#pragma once
// The loop of a fused elementwise region (plan/fuse.hpp decides the regions): a pattern of
// packet functors over the region's leaves, evaluated per packet and stored, or summed.
#include <array>
#include <cstddef>

#include <Eigen/Core>

#include "elementwise.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// A region's pattern: operations (by their packet functors) over leaves (by position).
template <std::size_t J>
struct leaf_at {};
template <class F, class... C>
struct lanes_of {};

template <class Pat>
struct tree;
template <std::size_t J>
struct tree<leaf_at<J>> {
  template <class P>
  static P p(const P* a) { return a[J]; }
  template <class R>
  static R s(const R* a) { return a[J]; }
};
template <class F, class... C>
struct tree<lanes_of<F, C...>> {
  template <class P>
  static P p(const P* a) { return F::p(tree<C>::p(a)...); }
  template <class R>
  static R s(const R* a) { return F::s(tree<C>::s(a)...); }
};

// out[i] = the pattern at entry i, for i < n; and the sum over i of each rider's pattern, whose
// leaves are the region's and, after them, out[i] (a sum or mean computed in this loop).
template <class Pat, class... Rider, class R, class... A>
std::array<R, sizeof...(Rider)> tree_loop(R* out, Index n, const A&... a) {
  using packet = packet_t<R>;
  constexpr std::size_t self = sizeof...(A);
  // One accumulator per rider: with two, as in tree_sum, the loop measured slower.
  std::array<packet, sizeof...(Rider)> acc;
  acc.fill(packets::pset1<packet>(R(0)));
  Index i = 0;
  for (; i + packet_size<R> <= n; i += packet_size<R>) {
    packet x[] = {load(a, i)..., packet{}};
    x[self] = tree<Pat>::p(x);
    packets::pstoreu(out + i, x[self]);
    [[maybe_unused]] std::size_t k = 0;
    ((acc[k] = packets::padd(acc[k], tree<Rider>::p(x)), ++k), ...);
  }
  std::array<R, sizeof...(Rider)> s;
  for (std::size_t k = 0; k < s.size(); ++k) s[k] = packets::predux(acc[k]);
  for (; i < n; ++i) {
    R x[] = {at(a, i)..., R(0)};
    x[self] = tree<Pat>::s(x);
    out[i] = x[self];
    [[maybe_unused]] std::size_t k = 0;
    ((s[k] += tree<Rider>::s(x), ++k), ...);
  }
  return s;
}

// The sum of the pattern over entries 0..n-1: two packet accumulators, then the tail.
template <class Pat, class R, class... A>
R tree_sum(Index n, const A&... a) {
  using packet = packet_t<R>;
  constexpr Index size = packet_size<R>;
  packet acc0 = packets::pset1<packet>(R(0)), acc1 = acc0;
  Index i = 0;
  for (; i + 2 * size <= n; i += 2 * size) {
    const packet x0[] = {load(a, i)...};
    const packet x1[] = {load(a, i + size)...};
    acc0 = packets::padd(acc0, tree<Pat>::p(x0));
    acc1 = packets::padd(acc1, tree<Pat>::p(x1));
  }
  for (; i + size <= n; i += size) {
    const packet x[] = {load(a, i)...};
    acc0 = packets::padd(acc0, tree<Pat>::p(x));
  }
  R s = packets::predux(packets::padd(acc0, acc1));
  for (; i < n; ++i) {
    const R x[] = {at(a, i)...};
    s += tree<Pat>::s(x);
  }
  return s;
}

// The region stored into out (rows x cols), and its riders' sums (see tree_loop).
template <class Pat, class... Rider, class R, class... V>
std::array<R, sizeof...(Rider)> stored_with_sums(R* out, Index rows, Index cols, const V&... v) {
  const segments g = segments_of(rows, cols, v...);
  std::array<R, sizeof...(Rider)> s{};
  for (Index j = 0; j < g.count; ++j) {
    const auto part = tree_loop<Pat, Rider...>(out + j * g.length, g.length, lanes(segment(v, j))...);
    for (std::size_t k = 0; k < s.size(); ++k) s[k] += part[k];
  }
  return s;
}

// The sum of a region over its segments.
template <class Pat, class R, class... V>
R sum_over_segments(Index rows, Index cols, const V&... v) {
  const segments g = segments_of(rows, cols, v...);
  R s = 0;
  for (Index j = 0; j < g.count; ++j) s += tree_sum<Pat, R>(g.length, lanes(segment(v, j))...);
  return s;
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
