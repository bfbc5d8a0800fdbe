#pragma once
// Elementwise + - % / and their broadcasting: f = sum(W % (L op R)) with a fixed random weight
// W of the result's shape (k x n), for L and R each a matrix (k x n), a scalar, a row vector
// (1 x n) or a column vector (k x 1). An operand stretched along an extent receives its adjoint
// summed along it (T: the sum of the terms' magnitudes); an operand of the result's shape
// receives it entry by entry.
#include <string>
#include <type_traits>
#include <utility>

#include "laws_support.hpp"

namespace laws {

inline constexpr auto ar_k = dim<"k">;
inline constexpr auto ar_n = dim<"n">;
inline constexpr auto ar_W = matrix<"W">(ar_k, ar_n);
inline constexpr auto ar_A = matrix<"A">(ar_k, ar_n);
inline constexpr auto ar_B = matrix<"B">(ar_k, ar_n);
inline constexpr auto ar_s = scalar<"s">;
inline constexpr auto ar_r = row_vector<"r">(ar_n);
inline constexpr auto ar_c = vector<"c">(ar_k);

// The operations: apply builds L op R from symgrad expressions and from adoubles alike; dl and
// dr are the adjoints of each operand before any unbroadcasting, from the textbook.
struct op_add {
  static constexpr const char* symbol = "+";
  static constexpr domain right = domain::real;
  template <class L, class R> static auto apply(const L& a, const R& b) { return a + b; }
  template <class W, class L, class R> static auto dl(W w, L, R) { return w; }
  template <class W, class L, class R> static auto dr(W w, L, R) { return w; }
};
struct op_sub {
  static constexpr const char* symbol = "-";
  static constexpr domain right = domain::real;
  template <class L, class R> static auto apply(const L& a, const R& b) { return a - b; }
  template <class W, class L, class R> static auto dl(W w, L, R) { return w; }
  template <class W, class L, class R> static auto dr(W w, L, R) { return -w; }
};
struct op_mul {
  static constexpr const char* symbol = "%";
  static constexpr domain right = domain::real;
  template <class L, class R> static auto apply(const L& a, const R& b) {
    if constexpr (std::is_arithmetic_v<L> || std::is_base_of_v<badouble, L>) return a * b;
    else return a % b;
  }
  template <class W, class L, class R> static auto dl(W w, L, R b) { return w % b; }
  template <class W, class L, class R> static auto dr(W w, L a, R) { return w % a; }
};
struct op_div {
  static constexpr const char* symbol = "/";
  static constexpr domain right = domain::nonzero;
  template <class L, class R> static auto apply(const L& a, const R& b) { return a / b; }
  template <class W, class L, class R> static auto dl(W w, L, R b) { return w / b; }
  template <class W, class L, class R> static auto dr(W w, L a, R b) { return -(w % a) / pow(b, 2_c); }
};

// max and min: a tie goes to the right operand, in symgrad's derivative and in the adouble
// code alike. The right operand's edge grid is shifted by 0.25 so that no entry ties with a
// left one (a tie is a kink, where central differences have no meaning).
struct op_max {
  static constexpr const char* symbol = "max";
  static constexpr domain right = domain::real;
  static constexpr double right_shift = 0.25;
  template <class L, class R> static auto apply(const L& a, const R& b) {
    if constexpr (std::is_base_of_v<badouble, L>) return a.getValue() > b.getValue() ? adouble(a) : adouble(b);
    else return maximum(a, b);
  }
  template <class W, class L, class R> static auto dl(W w, L a, R b) { return w % step(a - b); }
  template <class W, class L, class R> static auto dr(W w, L a, R b) { return w % (1_c - step(a - b)); }
};
struct op_min {
  static constexpr const char* symbol = "min";
  static constexpr domain right = domain::real;
  static constexpr double right_shift = 0.25;
  template <class L, class R> static auto apply(const L& a, const R& b) {
    if constexpr (std::is_base_of_v<badouble, L>) return a.getValue() < b.getValue() ? adouble(a) : adouble(b);
    else return minimum(a, b);
  }
  template <class W, class L, class R> static auto dl(W w, L a, R b) { return w % step(b - a); }
  template <class W, class L, class R> static auto dr(W w, L a, R b) { return w % (1_c - step(b - a)); }
};

template <class Op>
constexpr double right_shift_v = [] {
  if constexpr (requires { Op::right_shift; }) return Op::right_shift;
  else return 0.0;
}();

// The adjoint of an operand summed along the extents it is stretched over, by hand.
template <class Operand, class E>
auto unbroadcast_by_hand(E e) {
  using S = shape_of_t<Operand>;
  if constexpr (is_scalar_shape_v<S>) return sum(e);
  else if constexpr (std::is_same_v<typename S::rows, unit_dim>) return col_sums(e);
  else if constexpr (std::is_same_v<typename S::cols, unit_dim>) return row_sums(e);
  else return e;
}

template <class X>
constexpr bool stretched_v = std::is_same_v<typename shape_of_t<X>::rows, unit_dim> ||
                             std::is_same_v<typename shape_of_t<X>::cols, unit_dim>;

template <class X>
std::pair<Index, Index> extents_of(Index k, Index n) {
  using S = shape_of_t<X>;
  return {std::is_same_v<typename S::rows, unit_dim> ? 1 : k, std::is_same_v<typename S::cols, unit_dim> ? 1 : n};
}

// A variable bound to a value: a number for a scalar variable.
template <class X>
auto bound(X x, const mat& v) {
  if constexpr (is_scalar_v<X>) return x = v(0, 0);
  else return x = v;
}

template <class Op, class L, class R>
void binary_law(L l, R r) {
  const std::string name = "sum(W % (" + std::string(L::name()) + " " + Op::symbol + " " + std::string(R::name()) + "))";
  const auto f = sum(ar_W % Op::apply(l, r));
  const auto hand_l = unbroadcast_by_hand<L>(Op::dl(ar_W, l, r));
  const auto hand_r = unbroadcast_by_hand<R>(Op::dr(ar_W, l, r));
  const auto run = [&](const point& p, Index k, Index n, const mat& lv, const mat& rv, const mat& wv) {
    const auto at = bind(bound(ar_W, wv), bound(l, lv), bound(r, rv));
    mat tl, tr;  // T of a stretched operand: its adjoint's terms, summed in magnitude
    if constexpr (stretched_v<L>) tl = reduced_abs(as_mat(eval(Op::dl(ar_W, l, r), at)), lv.rows(), lv.cols());
    if constexpr (stretched_v<R>) tr = reduced_abs(as_mat(eval(Op::dr(ar_W, l, r), at)), rv.rows(), rv.cols());
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < k; ++i) s += wv(i, j) * Op::apply(a[0].bc(i, j), a[1].bc(i, j));
      return s;
    };
    check_law(p, f, at, tape, {}, by(l, hand_l, lv, domain::real, tl), by(r, hand_r, rv, Op::right, tr));
  };
  const std::pair<Index, Index> sizes[] = {{3, 4}, {1, 5}, {4, 1}, {2, 3}};
  unsigned seed = 1;
  for (const auto& [k, n] : sizes) {
    rng g(seed);
    const auto [lr, lc] = extents_of<L>(k, n);
    const auto [rr, rc] = extents_of<R>(k, n);
    const mat lv = g.in(domain::real, lr, lc), rv = g.in(Op::right, rr, rc), wv = g.weights(k, n);
    run({name, kind::random, seed_label(seed) + ", k = " + std::to_string(k) + ", n = " + std::to_string(n)}, k, n,
        lv, rv, wv);
    ++seed;
  }
  // The edge grid: every value in every operand position, 11 shifts of the grid.
  const std::vector<double> left = grid_in(domain::real), right = grid_in(Op::right);
  const Index k = 3, n = 4;
  const auto [lr, lc] = extents_of<L>(k, n);
  const auto [rr, rc] = extents_of<R>(k, n);
  rng g(100);
  const mat wv = g.weights(k, n);
  for (std::size_t shift = 0; shift < edge_grid().size(); ++shift) {
    const mat lv = from_grid(lr, lc, left, shift);
    const mat rv = (from_grid(rr, rc, right, shift + 5).array() + right_shift_v<Op>).matrix();
    run({name, kind::edge, "the edge grid shifted by " + std::to_string(shift)}, k, n, lv, rv, wv);
  }
}

// The broadcasting patterns of one operation, in two halves (one translation unit each):
// same shapes, a scalar and a row vector on either side; a column vector on either side, and a
// column against a row (both stretched).
template <class Op>
void binary_laws_scalar_row() {
  binary_law<Op>(ar_A, ar_B);
  binary_law<Op>(ar_A, ar_s);
  binary_law<Op>(ar_s, ar_A);
  binary_law<Op>(ar_A, ar_r);
  binary_law<Op>(ar_r, ar_A);
}
template <class Op>
void binary_laws_column() {
  binary_law<Op>(ar_A, ar_c);
  binary_law<Op>(ar_c, ar_A);
  binary_law<Op>(ar_c, ar_r);
  binary_law<Op>(ar_r, ar_c);
}

}  // namespace laws
