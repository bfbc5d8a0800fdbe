#pragma once
// Numeric kernels (this folder) and the views of their operands. A scalar operand reaches
// them as a number R (double, or float for float bindings) and a vector or matrix operand as a
// dense_view<R> (pointer, rows, columns, outer stride), whatever holds it: a binding's
// Eigen::Ref, a cached vector or matrix.
// A kernel is therefore compiled once per operation and pattern of operands (matrix or
// scalar) in a translation unit, not once per expression and operand types: the
// evaluator's compile time grows with the kinds of operations used, not with the size of
// the expressions.
//
// Elementwise kernels run on contiguous segments: all the entries at once when every
// operand is contiguous (the usual case: one vectorised loop, as hand-written Eigen on
// VectorXd), one column at a time otherwise (bound blocks). Arithmetic and the built-in
// functions are loops over Eigen's packet operations; functions without a packet form are
// Eigen array expressions (functions.hpp). Matrix products call Eigen's matrix-vector
// kernel directly, and its dot, outer and matrix-matrix products on maps. Results are written straight into the term's cache entry (`sink`):
// nothing is copied, and no temporary is made that hand-written Eigen would not make.
//
// Every kernel is a template on the number type R (double, or float for float bindings), so
// each is compiled only where an evaluation uses it, and only for the types it uses.

#include <array>
#include <type_traits>

#include <Eigen/Core>

// Eigen's packet types are vector types whose attributes GCC reports as ignored when they
// are template arguments; Eigen silences this in its own headers, and the headers that use
// packets do so between these two.
#if defined(__GNUC__) && !defined(__clang__)
#define SYMGRAD_PACKETS_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wignored-attributes\"")
#define SYMGRAD_PACKETS_END _Pragma("GCC diagnostic pop")
#else
#define SYMGRAD_PACKETS_BEGIN
#define SYMGRAD_PACKETS_END
#endif

namespace symgrad::eval_detail {

using Eigen::Index;

// The number types evaluation computes in: double, and float for float bindings.
template <class T>
inline constexpr bool is_number_v = std::is_same_v<std::remove_cvref_t<T>, double> || std::is_same_v<std::remove_cvref_t<T>, float>;

template <class R>
using vector_t = Eigen::Matrix<R, Eigen::Dynamic, 1>;
template <class R>
using matrix_t = Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic>;
template <class R>
using ref_t = Eigen::Ref<const matrix_t<R>>;


// Whether Eigen::Ref<const MatrixXd> maps a Derived without copying it: an internal trait, but
// the exact test Ref's constructor uses.
template <class Derived>
inline constexpr bool ref_maps_v =
    Eigen::internal::traits<ref_t<typename Derived::Scalar>>::template match<Derived>::MatchAtCompileTime;

// ---- operands ---------------------------------------------------------------------------

// A column-major operand with unit inner stride; `outer` is the distance between columns.
template <class R>
struct dense_view {
  const R* data;
  Index rows, cols, outer;
  Index size() const { return rows * cols; }
  bool contiguous() const { return cols <= 1 || outer == rows; }
};

// The only types that hold evaluated operands: bindings and cache entries.
template <class T>
inline constexpr bool is_dense_value_v = false;
template <class R>
inline constexpr bool is_dense_value_v<ref_t<R>> = true;
template <class R>
inline constexpr bool is_dense_value_v<matrix_t<R>> = true;
template <class R>
inline constexpr bool is_dense_value_v<vector_t<R>> = true;

template <class R>
  requires is_number_v<R>
R arg(R x) { return x; }
template <class T>
  requires is_dense_value_v<T>
dense_view<typename T::Scalar> arg(const T& m) {
  return {m.data(), m.rows(), m.cols(), m.outerStride()};
}

// One value an evaluation reads or computes: a scalar in `s`, or a vector or matrix in `v`.
template <class R>
struct item {
  R s = 0;
  dense_view<R> v{};
};

// Where a kernel writes a vector or matrix result: its cache entry (a VectorXd when the
// result's shape is a column, so that it moves out as one, else a MatrixXd), recorded
// in the term's item.
template <class R>
struct sink {
  item<R>* self;
  vector_t<R>* vec;
  matrix_t<R>* mat;
  vector_t<R>* spare;  // the workspace's scratch space, shared by all terms
  bool grow_only = false;  // a block of rows: reuse a larger entry's storage (plan/stream.hpp)

  // n entries of scratch space, valid until the next call: kept between evaluations, so a
  // compiled evaluator allocates it once.
  R* scratch(Index n) const {
    if (spare->size() < n) spare->resize(n);
    return spare->data();
  }

  // Sizes the entry and returns its storage (contiguous, rows x cols).
  R* resize(Index rows, Index cols) const {
    R* p;
    if (vec != nullptr) {
      if (!grow_only || vec->size() < rows * cols) vec->resize(rows * cols);
      p = vec->data();
    } else {
      if (!grow_only) mat->resize(rows, cols);
      else if (mat->size() < rows * cols) mat->resize(rows * cols, 1);
      p = mat->data();
    }
    self->v = dense_view<R>{p, rows, cols, rows};
    return p;
  }
};

// Broadcast operands of an elementwise term, by their static shapes (plan/steps.hpp). A row
// stretched over the result's rows (b in X W + b) gives column j of the result its entry j,
// a scalar; a column stretched over the result's columns gives every column of the result
// its entries, a contiguous segment.
enum class stretch { none, rows, cols };
template <class R>
struct stretched_rows {
  static constexpr stretch along = stretch::rows;
  dense_view<R> v;
};
template <class R>
struct stretched_cols {
  static constexpr stretch along = stretch::cols;
  dense_view<R> v;
};
template <class T>
inline constexpr bool is_stretched_v = false;
template <class R>
inline constexpr bool is_stretched_v<stretched_rows<R>> = true;
template <class R>
inline constexpr bool is_stretched_v<stretched_cols<R>> = true;

// Where the result's extents come from: its rows from an operand whose rows are not
// stretched (a matrix or a stretched column), its columns likewise. Scalars give neither.
template <class R>
  requires is_number_v<R>
const dense_view<R>* rows_source(R) { return nullptr; }
template <class R>
const dense_view<R>* rows_source(const dense_view<R>& v) { return &v; }
template <class R>
const dense_view<R>* rows_source(const stretched_rows<R>&) { return nullptr; }
template <class R>
const dense_view<R>* rows_source(const stretched_cols<R>& c) { return &c.v; }
template <class R>
  requires is_number_v<R>
const dense_view<R>* cols_source(R) { return nullptr; }
template <class R>
const dense_view<R>* cols_source(const dense_view<R>& v) { return &v; }
template <class R>
const dense_view<R>* cols_source(const stretched_rows<R>& r) { return &r.v; }
template <class R>
const dense_view<R>* cols_source(const stretched_cols<R>&) { return nullptr; }

// ---- elementwise engine -----------------------------------------------------------------

template <class R>
using array_map = Eigen::Map<Eigen::Array<R, Eigen::Dynamic, 1>>;
template <class R>
using const_array_map = Eigen::Map<const Eigen::Array<R, Eigen::Dynamic, 1>>;
template <class R>
using matrix_map = Eigen::Map<matrix_t<R>>;
template <class R>
using const_matrix_map = Eigen::Map<const matrix_t<R>, 0, Eigen::OuterStride<>>;
template <class R>
using vector_map = Eigen::Map<vector_t<R>>;
template <class R>
using const_vector_map = Eigen::Map<const vector_t<R>>;

template <class R>
const_matrix_map<R> as_matrix(const dense_view<R>& v) {
  return const_matrix_map<R>(v.data, v.rows, v.cols, Eigen::OuterStride<>(v.outer));
}

template <class R>
  requires is_number_v<R>
bool contiguous(R) { return true; }
template <class R>
bool contiguous(const dense_view<R>& v) { return v.contiguous(); }
template <class R>
bool contiguous(const stretched_rows<R>&) { return false; }  // differs from column to column
template <class R>
bool contiguous(const stretched_cols<R>&) { return false; }  // shorter than the result

// A segment of an operand: a scalar stays a scalar (broadcast), a vector or matrix gives
// the start of column j (or of all its entries), a stretched row its entry j (broadcast
// down the column), a stretched column itself.
template <class R>
  requires is_number_v<R>
R segment(R x, Index) { return x; }
template <class R>
const R* segment(const dense_view<R>& v, Index j) { return v.data + j * v.outer; }
template <class R>
R segment(const stretched_rows<R>& r, Index j) { return r.v.data[j * r.v.outer]; }
template <class R>
const R* segment(const stretched_cols<R>& c, Index) { return c.v.data; }

// The contiguous segments of rows x cols entries that a loop over the operands takes: one of
// every entry, or one per column when an operand is strided. The rule of every loop over
// operands given as arguments (here, fused.hpp, reductions.hpp).
struct segments {
  Index length, count;
};
template <class... V>
segments segments_of(Index rows, Index cols, const V&... v) {
  return (contiguous(v) && ...) ? segments{rows * cols, 1} : segments{rows, cols};
}

// K::run(out, n, operands...) on the segments of `out` (rows x cols) and of the operands. A
// single call site, so each kernel's loop is compiled once.
template <class K, class R, class... V>
void over_segments(R* out, Index rows, Index cols, const V&... v) {
  const segments g = segments_of(rows, cols, v...);
  for (Index j = 0; j < g.count; ++j) K::run(out + j * g.length, g.length, segment(v, j)...);
}

// The extents of a result of the operands (see rows_source).
template <class R, class... V>
std::array<Index, 2> result_extents(const V&... v) {
  const dense_view<R> *r = nullptr, *c = nullptr;
  ((r = r != nullptr ? r : rows_source(v)), ...);
  ((c = c != nullptr ? c : cols_source(v)), ...);
  return {r->rows, c->cols};
}

// Writes K of the operands into `out`, sized by the operands.
template <class K, class R, class... V>
void apply(const sink<R>& out, const V&... v) {
  const std::array<Index, 2> e = result_extents<R>(v...);
  over_segments<K>(out.resize(e[0], e[1]), e[0], e[1], v...);
}

}  // namespace symgrad::eval_detail
