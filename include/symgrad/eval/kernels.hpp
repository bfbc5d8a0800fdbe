#pragma once
// Numeric kernels. A scalar operand reaches them as a double and a vector or matrix operand
// as a dense_view (pointer, rows, columns, outer stride), whatever holds it: a binding's
// Eigen::Ref, a cached VectorXd or MatrixXd. A kernel is therefore compiled once per
// operation and pattern of operands (matrix or scalar) in a translation unit, not once per
// expression and operand types: the evaluator's compile time grows with the kinds of
// operations used, not with the size of the expressions.
//
// Elementwise kernels run on contiguous segments: all the entries at once when every
// operand is contiguous (the usual case: one vectorised loop, as hand-written Eigen on
// VectorXd), one column at a time otherwise (bound blocks). Arithmetic is a loop over
// Eigen's packet operations; functions (exp, log, ...) are Eigen array expressions. Matrix
// products call Eigen's matrix-vector kernel directly, and its dot, outer and matrix-matrix
// products on maps. Results are written straight into the term's cache entry (`sink`):
// nothing is copied, and no temporary is made that hand-written Eigen would not make.
//
// Eigen code whose types do not depend on a template parameter is compiled in every
// translation unit that includes it; kernels name Eigen types through dependent_t so that
// each is compiled only where used.
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

using Eigen::Index;

template <class T>
inline constexpr bool is_number_v = std::is_same_v<std::remove_cvref_t<T>, double>;

// T, as a type that depends on the template arguments A: code naming Eigen types through it
// is compiled only where its template is used, not in every translation unit that
// includes this header.
template <class T, class... A>
struct dependent {
  using type = T;
};
template <class T, class... A>
using dependent_t = typename dependent<T, A...>::type;

// ---- operands ---------------------------------------------------------------------------

// A column-major operand with unit inner stride; `outer` is the distance between columns.
struct dense_view {
  const double* data;
  Index rows, cols, outer;
  Index size() const { return rows * cols; }
  bool contiguous() const { return cols <= 1 || outer == rows; }
};

// The only types that hold evaluated operands: bindings and cache entries.
template <class T>
inline constexpr bool is_dense_value_v = std::is_same_v<T, Eigen::Ref<const Eigen::MatrixXd>> ||
                                         std::is_same_v<T, Eigen::MatrixXd> || std::is_same_v<T, Eigen::VectorXd>;

inline double arg(double x) { return x; }
template <class T>
  requires is_dense_value_v<T>
dense_view arg(const T& m) {
  return {m.data(), m.rows(), m.cols(), m.outerStride()};
}

// One value an evaluation reads or computes: a scalar in `s`, or a vector or matrix in `v`.
struct item {
  double s = 0;
  dense_view v{};
};

// Where a kernel writes a vector or matrix result: its cache entry (a VectorXd when the
// result's shape is a column, so that it moves out as one, else a MatrixXd), recorded
// in the term's item.
struct sink {
  item* self;
  Eigen::VectorXd* vec;
  Eigen::MatrixXd* mat;
  Eigen::VectorXd* spare;  // the workspace's scratch space, shared by all terms
  bool grow_only = false;  // a block of rows: reuse a larger entry's storage (stream.hpp)

  // n entries of scratch space, valid until the next call: kept between evaluations, so a
  // compiled evaluator allocates it once.
  double* scratch(Index n) const {
    if (spare->size() < n) spare->resize(n);
    return spare->data();
  }

  // Sizes the entry and returns its storage (contiguous, rows x cols).
  double* resize(Index rows, Index cols) const {
    double* p;
    if (vec != nullptr) {
      if (!grow_only || vec->size() < rows * cols) vec->resize(rows * cols);
      p = vec->data();
    } else {
      if (!grow_only) mat->resize(rows, cols);
      else if (mat->size() < rows * cols) mat->resize(rows * cols, 1);
      p = mat->data();
    }
    self->v = dense_view{p, rows, cols, rows};
    return p;
  }
};

// Broadcast operands of an elementwise term, by their static shapes (steps.hpp). A row
// stretched over the result's rows (b in X W + b) gives column j of the result its entry j,
// a scalar; a column stretched over the result's columns gives every column of the result
// its entries, a contiguous segment.
inline constexpr int not_stretched = 0;
struct stretched_rows {
  static constexpr int along = 1;
  dense_view v;
};
struct stretched_cols {
  static constexpr int along = 2;
  dense_view v;
};

// Where the result's extents come from: its rows from an operand whose rows are not
// stretched (a matrix or a stretched column), its columns likewise. Scalars give neither.
inline const dense_view* rows_source(double) { return nullptr; }
inline const dense_view* rows_source(const dense_view& v) { return &v; }
inline const dense_view* rows_source(const stretched_rows&) { return nullptr; }
inline const dense_view* rows_source(const stretched_cols& c) { return &c.v; }
inline const dense_view* cols_source(double) { return nullptr; }
inline const dense_view* cols_source(const dense_view& v) { return &v; }
inline const dense_view* cols_source(const stretched_rows& r) { return &r.v; }
inline const dense_view* cols_source(const stretched_cols&) { return nullptr; }

// ---- elementwise engine -----------------------------------------------------------------

using array_map = Eigen::Map<Eigen::ArrayXd>;
using const_array_map = Eigen::Map<const Eigen::ArrayXd>;

inline bool contiguous(double) { return true; }
inline bool contiguous(const dense_view& v) { return v.contiguous(); }
inline bool contiguous(const stretched_rows&) { return false; }  // differs from column to column
inline bool contiguous(const stretched_cols&) { return false; }  // shorter than the result

// A segment of an operand: a scalar stays a scalar (broadcast), a vector or matrix gives
// the start of column j (or of all its entries), a stretched row its entry j (broadcast
// down the column), a stretched column itself.
inline double segment(double x, Index) { return x; }
inline const double* segment(const dense_view& v, Index j) { return v.data + j * v.outer; }
inline double segment(const stretched_rows& r, Index j) { return r.v.data[j * r.v.outer]; }
inline const double* segment(const stretched_cols& c, Index) { return c.v.data; }

// K::run(out, n, operands...) on contiguous segments of n entries of `out` (rows x cols)
// and of the operands: one segment of every entry, or one per column when an operand is
// strided. A single call site, so each kernel's loop is compiled once.
template <class K, class... V>
void over_segments(double* out, Index rows, Index cols, const V&... v) {
  const bool whole = (contiguous(v) && ...);
  const Index length = whole ? rows * cols : rows, count = whole ? 1 : cols;
  for (Index j = 0; j < count; ++j) K::run(out + j * length, length, segment(v, j)...);
}

// Writes K of the operands into `out`, sized by the operands (see rows_source).
template <class K, class... V>
void apply(const sink& out, const V&... v) {
  const dense_view *r = nullptr, *c = nullptr;
  ((r = r != nullptr ? r : rows_source(v)), ...);
  ((c = c != nullptr ? c : cols_source(v)), ...);
  over_segments<K>(out.resize(r->rows, c->cols), r->rows, c->cols, v...);
}

// ---- arithmetic: loops over Eigen's packets -------------------------------------------------
// Arithmetic is exactly rounded, so these loops give Eigen's results, with the packet
// operations Eigen's expressions would use, at a fraction of their compile time (an Eigen
// assignment instantiates its whole expression and evaluator machinery).

// Eigen's packet types are vector types whose attributes GCC reports as ignored when they
// are template arguments; Eigen silences this in its own headers, and so does this one.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
#endif

namespace pk = Eigen::internal;
using packet = pk::packet_traits<double>::type;
inline constexpr Index packet_size = pk::unpacket_traits<packet>::size;

// A scalar operand, with its broadcast packet.
struct broadcast {
  double s;
  packet p;
};
inline broadcast lanes(double x) { return {x, pk::pset1<packet>(x)}; }
inline const double* lanes(const double* p) { return p; }

inline packet load(const double* p, Index i) { return pk::ploadu<packet>(p + i); }
inline packet load(const broadcast& b, Index) { return b.p; }
inline double at(const double* p, Index i) { return p[i]; }
inline double at(const broadcast& b, Index) { return b.s; }

// out[i] = F(a[i]...) for i < n; the operands may include `out` itself (in place).
template <class F, class... A>
void packet_loop(double* out, Index n, const A&... a) {
  Index i = 0;
  for (; i + packet_size <= n; i += packet_size) pk::pstoreu(out + i, F::p(load(a, i)...));
  for (; i < n; ++i) out[i] = F::s(at(a, i)...);
}

struct f_add {
  static packet p(const packet& a, const packet& b) { return pk::padd(a, b); }
  static double s(double a, double b) { return a + b; }
};
struct f_sub {
  static packet p(const packet& a, const packet& b) { return pk::psub(a, b); }
  static double s(double a, double b) { return a - b; }
};
struct f_mul {
  static packet p(const packet& a, const packet& b) { return pk::pmul(a, b); }
  static double s(double a, double b) { return a * b; }
};
struct f_div {
  static packet p(const packet& a, const packet& b) { return pk::pdiv(a, b); }
  static double s(double a, double b) { return a / b; }
};
struct f_neg {
  static packet p(const packet& a) { return pk::pnegate(a); }
  static double s(double a) { return -a; }
};
struct f_inverse {
  static packet p(const packet& a) { return pk::pdiv(pk::pset1<packet>(1.0), a); }
  static double s(double a) { return 1.0 / a; }
};
struct f_square {
  static packet p(const packet& a) { return pk::pmul(a, a); }
  static double s(double a) { return a * a; }
};
struct f_cube {
  static packet p(const packet& a) { return pk::pmul(a, pk::pmul(a, a)); }
  static double s(double a) { return a * a * a; }
};
struct f_sqrt {
  static packet p(const packet& a) { return pk::psqrt(a); }
  static double s(double a) { return std::sqrt(a); }
};
struct f_rsqrt {
  static packet p(const packet& a) { return pk::pdiv(pk::pset1<packet>(1.0), pk::psqrt(a)); }
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
  int along;  // not_stretched or stretched_*::along
};

template <class K, class... S>
void over_operand(double* out, Index rows, Index cols, const nary_operand& x, const S&... s) {
  if (x.along == stretched_rows::along) over_segments<K>(out, rows, cols, stretched_rows{x.v}, s...);
  else if (x.along == stretched_cols::along) over_segments<K>(out, rows, cols, stretched_cols{x.v}, s...);
  else over_segments<K>(out, rows, cols, x.v, s...);
}

template <class Op>
void nary_stretched_run(const sink& out, const nary_operand* m, std::size_t count, bool any_scalar, double s) {
  std::size_t r = 0, c = 0;  // see rows_source
  while (r + 1 < count && m[r].along == stretched_rows::along) ++r;
  while (c + 1 < count && m[c].along == stretched_cols::along) ++c;
  const Index rows = m[r].v.rows, cols = m[c].v.cols;
  double* o = out.resize(rows, cols);
  std::size_t i = 2;
  if (m[0].along == not_stretched && m[1].along == not_stretched)
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
      else if constexpr (std::is_same_v<X, dense_view>) m[count++] = {x, not_stretched};
      else m[count++] = {x.v, X::along};
    };
    (scan(v), ...);
    nary_stretched_run<Op>(out, m, count, (is_number_v<V> || ...), s);
  }
}

// ---- elementwise functions: Eigen array expressions -----------------------------------------
// Eigen decides per function and scalar type whether a vectorised version exists; these
// kernels keep its choices (and results) by using its array expressions.

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
inline double fn(op::log1p, double x) { return std::log1p(x); }
// sigmoid(u) from e = exp(-|u|), as fn(op::sigmoid, u) computes it.
inline double fn(op::sigmoid_e, double u, double e) { return u >= 0 ? 1 / (1 + e) : e / (1 + e); }

// Packet versions of the built-in functions, so that a chain of elementwise operations runs
// as one loop over packets (fuse.hpp): lane_fn<Op>::p on a packet, lane_fn<Op>::s on a double
// (fn above). Where Eigen has no vectorised version for doubles (softplus's log1p, and sin,
// cos, tanh without EIGEN_FAST_MATH), each lane calls the scalar function, as Eigen's own
// array expressions do.
template <class Op>
struct lane_fn {
  static constexpr bool defined = false;
};
template <class Op>
inline constexpr bool has_lanes_v = lane_fn<Op>::defined;

// F::s on each lane of a packet.
template <class F>
packet per_lane(const packet& x) {
  double v[packet_size];
  pk::pstoreu(v, x);
  for (double& e : v) e = F::s(e);
  return pk::ploadu<packet>(v);
}

template <class Op>
struct function_lanes {
  static constexpr bool defined = true;
  template <class... D>
  static double s(D... x) { return fn(Op{}, x...); }
};
inline packet zero_packet() { return pk::pset1<packet>(0.0); }
inline packet one_packet() { return pk::pset1<packet>(1.0); }

// exp of each lane: Eigen's vectorised exp, as hand-written Eigen code has it (against libm's
// lane by lane, 1.5x the time on one SSE2 machine, 0.78x on another). Below -709.78 Eigen
// clamps its result to 5.6e-309 where libm's underflows: those lanes are 0, without a branch
// (a branch to libm for them cost back most of the gain).
inline packet exp_packet(const packet& x) {
  return pk::pandnot(pk::pexp(x), pk::pcmp_lt(x, pk::pset1<packet>(-709.78)));
}

template <>
struct lane_fn<op::exp> : function_lanes<op::exp> {
  static packet p(const packet& x) { return exp_packet(x); }
};
template <>
struct lane_fn<op::log> : function_lanes<op::log> {
  static packet p(const packet& x) { return pk::plog(x); }
};
template <>
struct lane_fn<op::sin> : function_lanes<op::sin> {
  static packet p(const packet& x) {
    if constexpr (pk::packet_traits<double>::HasSin) return pk::psin(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::cos> : function_lanes<op::cos> {
  static packet p(const packet& x) {
    if constexpr (pk::packet_traits<double>::HasCos) return pk::pcos(x);
    else return per_lane<lane_fn>(x);
  }
};
template <>
struct lane_fn<op::tanh> : function_lanes<op::tanh> {
  static packet p(const packet& x) {
    if constexpr (pk::packet_traits<double>::HasTanh) return pk::ptanh(x);
    else return per_lane<lane_fn>(x);
  }
};
// 1 / (1 + e) for u >= 0, e / (1 + e) otherwise (a NaN takes the second), e = exp(-|u|).
inline packet sigmoid_packet(const packet& u, const packet& e) {
  return pk::pdiv(pk::pselect(pk::pcmp_le(zero_packet(), u), one_packet(), e), pk::padd(one_packet(), e));
}
inline packet exp_minus_abs(const packet& x) { return exp_packet(pk::pnegate(pk::pabs(x))); }

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
    if constexpr (pk::packet_traits<double>::HasLog1p) return pk::plog1p(x);
    else return per_lane<lane_fn>(x);
  }
};
// max(x, 0) + log1p(exp(-|x|)), the same operations as fn.
template <>
struct lane_fn<op::softplus> : function_lanes<op::softplus> {
  static packet p(const packet& x) {
    return pk::padd(pk::pmax(x, zero_packet()), lane_fn<op::log1p>::p(exp_minus_abs(x)));
  }
};
template <>
struct lane_fn<op::relu> : function_lanes<op::relu> {
  static packet p(const packet& x) { return pk::pmax(x, zero_packet()); }
};
template <>
struct lane_fn<op::abs> : function_lanes<op::abs> {
  static packet p(const packet& x) { return pk::pabs(x); }
};
template <>
struct lane_fn<op::step> : function_lanes<op::step> {
  static packet p(const packet& x) { return pk::pand(pk::pcmp_lt(zero_packet(), x), one_packet()); }
};

// Functions added from outside the library (docs/adding-an-op.md) are computed by
// array_fn<Op>::eval(d, x), an Eigen array expression on maps of the segments.
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

// ---- reductions and transposes ------------------------------------------------------------

// One instantiation of Eigen's vectorised sum for every reduction.
template <class Op>
double sum_of(const double* x, Index n) { return dependent_t<const_array_map, Op>(x, n).sum(); }

template <class Op>
double reduce(double x) { return x; }  // sum or mean of a scalar
// The extents a sum or mean covered, kept in its item (a streamed mean weighs its blocks by them).
inline dense_view reduced_extents(double) { return {nullptr, 1, 1, 1}; }
inline dense_view reduced_extents(const dense_view& v) { return {nullptr, v.rows, v.cols, v.rows}; }
template <class Op>
double reduce(const dense_view& v) {
  const bool whole = v.contiguous();
  const Index length = whole ? v.size() : v.rows, count = whole ? 1 : v.cols;
  double s = 0;
  for (Index j = 0; j < count; ++j) s += sum_of<op::sum>(segment(v, j), length);
  if constexpr (std::is_same_v<Op, op::mean>) return s / static_cast<double>(v.size());
  else return s;
}

using matrix_map = Eigen::Map<Eigen::MatrixXd>;
using const_matrix_map = Eigen::Map<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>;
using vector_map = Eigen::Map<Eigen::VectorXd>;
using const_vector_map = Eigen::Map<const Eigen::VectorXd>;

template <class... A>
dependent_t<const_matrix_map, A...> as_matrix(const dense_view& v) {
  return dependent_t<const_matrix_map, A...>(v.data, v.rows, v.cols, Eigen::OuterStride<>(v.outer));
}

// out (cols x rows) = v^T. A template only so that it is compiled where used.
template <class Op>
void transpose_into(const sink& out, const dense_view& v) {
  dependent_t<matrix_map, Op>(out.resize(v.cols, v.rows), v.cols, v.rows) = as_matrix<Op>(v).transpose();
}

// Fills `out` with a constant (ones and zeros that are not scalars).
inline void fill(const sink& out, Index rows, Index cols, double value) {
  std::fill_n(out.resize(rows, cols), rows * cols, value);
}

// Fills `out` with the identity matrix of extent n (eye that is not a scalar).
inline void fill_identity(const sink& out, Index n) {
  double* p = out.resize(n, n);
  std::fill_n(p, n * n, 0.0);
  for (Index i = 0; i < n; ++i) p[i * n + i] = 1;
}

// ---- logsumexp: the maximum shifted out ------------------------------------------------------
// lse(x) = s + log(sum(exp(x - s))), s the maximum: no exp overflows, the largest term is 1,
// so the sum is in [1, n] and nothing is lost to rounding. A maximum that is not finite is
// not shifted out (x - s would be inf - inf): a +inf entry gives +inf; all entries -inf
// (or none) give -inf, set explicitly since Eigen's vectorised exp(-inf) is not exactly 0;
// a NaN entry gives NaN.

struct f_max {
  static packet p(const packet& a, const packet& b) { return pk::pmax(a, b); }
  static double s(double a, double b) { return std::max(a, b); }
};

inline double lse_shift(double top) { return std::isfinite(top) ? top : 0.0; }
// top: the maximum; sum: of exp(x - lse_shift(top)).
inline double lse_finish(double top, double sum) {
  if (top == -std::numeric_limits<double>::infinity() && !std::isnan(sum)) return top;
  return lse_shift(top) + std::log(sum);
}

// Over all the entries of v (a vector, row or column, possibly strided).
template <class Op>
double logsumexp_of(const dense_view& v) {
  using map = dependent_t<const_array_map, Op>;
  const bool whole = v.contiguous();
  const Index length = whole ? v.size() : v.rows, count = whole ? 1 : v.cols;
  double top = -std::numeric_limits<double>::infinity();
  if (length > 0)  // Eigen's maxCoeff requires entries
    for (Index j = 0; j < count; ++j) top = std::max(top, map(segment(v, j), length).maxCoeff());
  const double s = lse_shift(top);
  double sum = 0;
  for (Index j = 0; j < count; ++j) sum += (map(segment(v, j), length) - s).exp().sum();
  return lse_finish(top, sum);
}

// out (v.rows) = each row's maximum, column by column so that every pass is contiguous.
inline void row_maxima(double* out, const dense_view& v) {
  std::fill_n(out, v.rows, -std::numeric_limits<double>::infinity());
  for (Index j = 0; j < v.cols; ++j) packet_loop<f_max>(out, v.rows, static_cast<const double*>(out), segment(v, j));
}

// out (v.rows) = each row's logsumexp, column by column so that every pass is contiguous.
// scratch: 2 v.rows entries.
template <class Op>
void logsumexp_rows(double* out, const dense_view& v, double* scratch) {
  const Index m = v.rows;
  dependent_t<array_map, Op> top(scratch, m), shift(scratch + m, m);
  row_maxima(top.data(), v);
  for (Index i = 0; i < m; ++i) shift[i] = lse_shift(top[i]);
  dependent_t<array_map, Op> sum(out, m);
  sum.setZero();
  for (Index j = 0; j < v.cols; ++j) sum += (dependent_t<const_array_map, Op>(segment(v, j), m) - shift).exp();
  for (Index i = 0; i < m; ++i) out[i] = lse_finish(top[i], out[i]);
}

// out (v.rows) = each row's shift, lse_shift of its maximum.
inline void row_shifts(double* out, const dense_view& v) {
  row_maxima(out, v);
  for (Index i = 0; i < v.rows; ++i) out[i] = lse_shift(out[i]);
}

// ---- matrix products --------------------------------------------------------------------

// The entries of vector operands (one row or one column each) in order: in place when
// contiguous, else gathered into scratch space (only a row bound to a strided block).
template <std::size_t N>
std::array<const double*, N> vector_entries(const std::array<dense_view, N>& v, const sink& out) {
  Index gathered = 0;
  for (const dense_view& x : v) gathered += x.contiguous() ? 0 : x.size();
  double* buf = gathered > 0 ? out.scratch(gathered) : nullptr;
  std::array<const double*, N> r{};
  for (std::size_t k = 0; k < N; ++k) {
    const dense_view& x = v[k];
    if (x.contiguous()) {
      r[k] = x.data;
      continue;
    }
    for (Index j = 0; j < x.cols; ++j)
      for (Index i = 0; i < x.rows; ++i) buf[j * x.rows + i] = x.data[j * x.outer + i];
    r[k] = buf;
    buf += x.size();
  }
  return r;
}

template <class Op = op::matmul>
double dot(const double* x, const double* y, Index n) {
  using map = dependent_t<const_vector_map, Op>;
  return map(x, n).dot(map(y, n));
}

// y += a x for a column-major a, four columns at a time: each pass reads four columns of a
// front to back (four streams the prefetcher follows) and y once. Eigen 3.4's column-major
// kernel walks all columns for each few rows instead; measured for X w at 200000 x 100 (SSE2):
// Eigen 10.4 ms, this 3.8 ms whole and 7.1 ms in blocks of 81 rows (one read of X: 3.7 ms);
// at 1797 x 64 0.011 against 0.016 ms. For a small matrix in cache Eigen's is faster (the
// logistic gradient at 569 x 30 took 9.7 µs with this, 9.0 µs with Eigen's), so gemv uses
// this for blocks of rows (strided) and matrices over 256 KB.
inline void gemv_columns(double* y, const dense_view& a, const double* x) {
  const Index rows = a.rows, cols = a.cols;
  Index j = 0;
  for (; j + 4 <= cols; j += 4) {
    const double* c0 = a.data + j * a.outer;
    const double *c1 = c0 + a.outer, *c2 = c1 + a.outer, *c3 = c2 + a.outer;
    const packet x0 = pk::pset1<packet>(x[j]), x1 = pk::pset1<packet>(x[j + 1]), x2 = pk::pset1<packet>(x[j + 2]),
                 x3 = pk::pset1<packet>(x[j + 3]);
    Index i = 0;
    for (; i + packet_size <= rows; i += packet_size) {
      const packet s = pk::padd(pk::pmul(load(c0, i), x0), pk::pmul(load(c1, i), x1));
      const packet t = pk::padd(pk::pmul(load(c2, i), x2), pk::pmul(load(c3, i), x3));
      pk::pstoreu(y + i, pk::padd(load(y, i), pk::padd(s, t)));
    }
    for (; i < rows; ++i) y[i] += (c0[i] * x[j] + c1[i] * x[j + 1]) + (c2[i] * x[j + 2] + c3[i] * x[j + 3]);
  }
  for (; j < cols; ++j) {
    const double* c = a.data + j * a.outer;
    for (Index i = 0; i < rows; ++i) y[i] += c[i] * x[j];
  }
}

// y = a^T x (a^T: a row-major view of the same storage) as Eigen evaluates y.noalias() =
// a^T * x: zero y, then its matrix-vector kernel adds a^T x (or a dot product when a^T has one
// row); y = a x likewise, or by gemv_columns for a large or strided a. With Eigen 3.3 and 3.4
// the kernel is called directly: the expression layer above it (Product, its evaluators and
// selectors) costs several times the kernel's own compile time, for each combination of
// operand types.
template <bool Transposed>
void gemv(double* y, const dense_view& a, const double* x) {
  const Index rows = Transposed ? a.cols : a.rows, depth = Transposed ? a.rows : a.cols;
  using y_map = dependent_t<vector_map, std::bool_constant<Transposed>>;
  if constexpr (!Transposed) {
    if (rows > 1 && (!a.contiguous() || a.size() > 32768)) {
      std::fill_n(y, rows, 0.0);
      return gemv_columns(y, a, x);
    }
  }
#if EIGEN_VERSION_AT_LEAST(3, 3, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 90)
  y_map(y, rows).setZero();
  if (rows == 0 || depth == 0) return;
  if (rows == 1) {  // Eigen's fallback for a matrix with one row: a dot product
    if constexpr (Transposed) y[0] = dot<>(a.data, x, depth);  // a's column, contiguous
    else
      for (Index k = 0; k < depth; ++k) y[0] += a.data[k * a.outer] * x[k];  // a strided row: in order, as Eigen
    return;
  }
  constexpr int order = Transposed ? Eigen::RowMajor : Eigen::ColMajor;
  using lhs_mapper = pk::const_blas_data_mapper<double, Index, order>;
  using rhs_mapper = pk::const_blas_data_mapper<double, Index, Transposed ? Eigen::ColMajor : Eigen::RowMajor>;
  pk::general_matrix_vector_product<Index, double, lhs_mapper, order, false, double, rhs_mapper, false>::run(
      rows, depth, lhs_mapper(a.data, a.outer), rhs_mapper(x, 1), y, 1, 1.0);
#else
  using tag = std::bool_constant<Transposed>;
  using x_map = dependent_t<const_vector_map, tag>;
  if constexpr (Transposed) y_map(y, rows).noalias() = as_matrix<tag>(a).transpose() * x_map(x, depth);
  else y_map(y, rows).noalias() = as_matrix<tag>(a) * x_map(x, depth);
#endif
}

// out (rows x cols) = u v^T.
template <class Op = op::matmul>
void outer(double* out, const double* u, Index rows, const double* v, Index cols) {
  using map = dependent_t<const_vector_map, Op>;
  dependent_t<matrix_map, Op>(out, rows, cols).noalias() = map(u, rows) * map(v, cols).transpose();
}

// Matrix-matrix products call Eigen's kernel as gemv does, with the packed blocks of
// Eigen's blocking in scratch space the caller owns (Eigen allocates them on the heap
// above 128 KB), so that a compiled evaluator's products allocate nothing.
#if EIGEN_VERSION_AT_LEAST(3, 4, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 90)
#define SYMGRAD_GEMM_KERNEL 1
class gemm_blocking : public pk::level3_blocking<double, double> {
 public:
  gemm_blocking(Index rows, Index cols, Index depth) {
    m_mc = rows;
    m_nc = cols;
    m_kc = depth;
    pk::computeProductBlockingSizes<double, double, 1, Index>(m_kc, m_mc, m_nc, 1);
  }
  // Entries of each block, rounded up to 64 bytes so that the second stays aligned.
  Index size_a() const { return round(m_mc * m_kc); }
  Index size_b() const { return round(m_kc * m_nc); }
  void place(double* blocks) {
    m_blockA = blocks;
    m_blockB = blocks + size_a();
  }

 private:
  static Index round(Index n) { return (n + 7) / 8 * 8; }
};
#endif

// The scratch entries gemm needs for a rows x cols product of depth `depth`.
inline Index gemm_scratch(Index rows, Index cols, Index depth) {
#ifdef SYMGRAD_GEMM_KERNEL
  const gemm_blocking b(rows, cols, depth);
  return b.size_a() + b.size_b();
#else
  (void)rows, (void)cols, (void)depth;
  return 0;
#endif
}

// out (rows x cols) = op(a) op(b); blocks: gemm_scratch(rows, cols, depth) entries.
template <bool TA, bool TB>
void gemm(double* out, Index rows, Index cols, const dense_view& a, const dense_view& b, double* blocks) {
  using tag = std::integer_sequence<bool, TA, TB>;
  dependent_t<matrix_map, tag> d(out, rows, cols);
#ifdef SYMGRAD_GEMM_KERNEL
  const Index depth = TA ? a.rows : a.cols;
  d.setZero();
  if (rows == 0 || cols == 0 || depth == 0) return;
  dependent_t<gemm_blocking, tag> blocking(rows, cols, depth);
  blocking.place(blocks);
  pk::general_matrix_matrix_product<Index, double, TA ? Eigen::RowMajor : Eigen::ColMajor, false, double,
                                    TB ? Eigen::RowMajor : Eigen::ColMajor, false, Eigen::ColMajor,
                                    1>::run(rows, cols, depth, a.data, a.outer, b.data, b.outer, out, 1, rows, 1.0,
                                            blocking);
#else
  (void)blocks;
  const auto l = as_matrix<tag>(a);
  const auto r = as_matrix<tag>(b);
  if constexpr (!TA && !TB) d.noalias() = l * r;
  else if constexpr (!TB) d.noalias() = l.transpose() * r;
  else if constexpr (!TA) d.noalias() = l * r.transpose();
  else d.noalias() = l.transpose() * r.transpose();
#endif
}

// An operand of a chain, possibly read transposed.
struct factor {
  dense_view v;
  bool transposed;
  Index rows() const { return transposed ? v.cols : v.rows; }
  Index cols() const { return transposed ? v.rows : v.cols; }
};

// Only the transpositions that can occur are compiled: a left operand is transposed only
// if it is a single transposed factor (products of several are stored as they are).
template <bool LeftMayBeT, bool RightMayBeT>
void multiply_into(double* out, const factor& a, const factor& b, double* blocks) {
  const Index r = a.rows(), c = b.cols();
  const bool ta = LeftMayBeT && a.transposed, tb = RightMayBeT && b.transposed;
  if constexpr (LeftMayBeT && RightMayBeT)
    if (ta && tb) return gemm<true, true>(out, r, c, a.v, b.v, blocks);
  if constexpr (LeftMayBeT)
    if (ta) return gemm<true, false>(out, r, c, a.v, b.v, blocks);
  if constexpr (RightMayBeT)
    if (tb) return gemm<false, true>(out, r, c, a.v, b.v, blocks);
  gemm<false, false>(out, r, c, a.v, b.v, blocks);
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

// A product of K >= 2 factors in the cheapest order; LeftMayBeT (RightMayBeT) is whether
// any factor but the last (first) is transposed.
template <std::size_t K, bool LeftMayBeT, bool RightMayBeT>
class chain {
 public:
  explicit chain(const std::array<factor, K>& f) : f_(f) {
    std::array<Eigen::Index, K + 1> dims{};
    for (std::size_t i = 0; i < K; ++i) dims[i] = f[i].rows();
    dims[K] = f[K - 1].cols();
    split_ = matmul_order<K>(dims);
  }

  Index rows() const { return f_[0].rows(); }
  Index cols() const { return f_[K - 1].cols(); }

  // out: contiguous storage for rows() x cols() entries.
  void into(double* out) const { into(out, 0, K - 1); }

 private:
  void into(double* out, std::size_t i, std::size_t j) const {
    const std::size_t k = split_[i * K + j];
    Eigen::MatrixXd left, right;  // intermediate products; stay empty for single factors
    const factor a = side(left, i, k), b = side(right, k + 1, j);
    Eigen::VectorXd blocks(gemm_scratch(a.rows(), b.cols(), a.cols()));
    multiply_into<LeftMayBeT, RightMayBeT>(out, a, b, blocks.data());
  }

  factor side(Eigen::MatrixXd& tmp, std::size_t i, std::size_t j) const {
    if (i == j) return f_[i];
    tmp.resize(f_[i].rows(), f_[j].cols());
    into(tmp.data(), i, j);
    return factor{arg(tmp), false};
  }

  const std::array<factor, K>& f_;
  std::array<std::size_t, K * K> split_;
};

}  // namespace symgrad::eval_detail

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
