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
  static packet p(const packet* a) { return a[J]; }
  static double s(const double* a) { return a[J]; }
};
template <class F, class... C>
struct tree<lanes_of<F, C...>> {
  static packet p(const packet* a) { return F::p(tree<C>::p(a)...); }
  static double s(const double* a) { return F::s(tree<C>::s(a)...); }
};

// out[i] = the pattern at entry i, for i < n.
template <class Pat, class... A>
void tree_loop(double* out, Index n, const A&... a) {
  Index i = 0;
  for (; i + packet_size <= n; i += packet_size) {
    const packet x[] = {load(a, i)...};
    packets::pstoreu(out + i, tree<Pat>::p(x));
  }
  for (; i < n; ++i) {
    const double x[] = {at(a, i)...};
    out[i] = tree<Pat>::s(x);
  }
}

// The sum of the pattern over entries 0..n-1: two packet accumulators, then the tail.
template <class Pat, class... A>
double tree_sum(Index n, const A&... a) {
  packet acc0 = packets::pset1<packet>(0.0), acc1 = acc0;
  Index i = 0;
  for (; i + 2 * packet_size <= n; i += 2 * packet_size) {
    const packet x0[] = {load(a, i)...};
    const packet x1[] = {load(a, i + packet_size)...};
    acc0 = packets::padd(acc0, tree<Pat>::p(x0));
    acc1 = packets::padd(acc1, tree<Pat>::p(x1));
  }
  for (; i + packet_size <= n; i += packet_size) {
    const packet x[] = {load(a, i)...};
    acc0 = packets::padd(acc0, tree<Pat>::p(x));
  }
  double s = packets::predux(packets::padd(acc0, acc1));
  for (; i < n; ++i) {
    const double x[] = {at(a, i)...};
    s += tree<Pat>::s(x);
  }
  return s;
}

template <class Pat>
struct k_tree {
  template <class... A>
  static void run(double* out, Index n, const A&... a) { tree_loop<Pat>(out, n, lanes(a)...); }
};

// The region's extents from its leaves (see rows_source), and the sum over its segments.
template <class... V>
std::array<Index, 2> region_extents(const V&... v) {
  const dense_view *r = nullptr, *c = nullptr;
  ((r = r != nullptr ? r : rows_source(v)), ...);
  ((c = c != nullptr ? c : cols_source(v)), ...);
  return {r->rows, c->cols};
}

template <class Pat, class... V>
double sum_over_segments(Index rows, Index cols, const V&... v) {
  const bool whole = (contiguous(v) && ...);
  const Index length = whole ? rows * cols : rows, count = whole ? 1 : cols;
  double s = 0;
  for (Index j = 0; j < count; ++j) s += tree_sum<Pat>(length, lanes(segment(v, j))...);
  return s;
}

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
