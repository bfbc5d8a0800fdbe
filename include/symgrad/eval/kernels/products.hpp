#pragma once
// Matrix products: Eigen's kernels called directly on the operands' storage, and chains
// of three or more factors ordered by cost once their sizes are known.
#include <array>
#include <cstddef>

#include <Eigen/Core>

#include "elementwise.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// ---- matrix products --------------------------------------------------------------------

// The entries of vector operands (one row or one column each) in order: in place when
// contiguous, else gathered into scratch space (only a row bound to a strided block).
template <std::size_t N, class R>
std::array<const R*, N> vector_entries(const std::array<dense_view<R>, N>& v, const sink<R>& out) {
  Index gathered = 0;
  for (const dense_view<R>& x : v) gathered += x.contiguous() ? 0 : x.size();
  R* buf = gathered > 0 ? out.scratch(gathered) : nullptr;
  std::array<const R*, N> r{};
  for (std::size_t k = 0; k < N; ++k) {
    const dense_view<R>& x = v[k];
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

template <class R>
R dot(const R* x, const R* y, Index n) {
  return const_vector_map<R>(x, n).dot(const_vector_map<R>(y, n));
}

// y += a x for a column-major a, four columns at a time: each pass reads four columns of a
// front to back (four streams the prefetcher follows) and y once. Eigen 3.4's column-major
// kernel walks all columns for each few rows instead; measured for X w at 200000 x 100 (SSE2):
// Eigen 10.4 ms, this 3.8 ms whole and 7.1 ms in blocks of 81 rows (one read of X: 3.7 ms;
// such a plan now takes blocks of an eighth of the rows, stream.hpp);
// at 1797 x 64 0.011 against 0.016 ms. For a small matrix in cache Eigen's is faster (the
// logistic gradient at 569 x 30 took 9.7 µs with this, 9.0 µs with Eigen's), so gemv uses
// this for blocks of rows (strided) and matrices over 256 KB.
template <class R>
void gemv_columns(R* y, const dense_view<R>& a, const R* x) {
  using packet = packet_t<R>;
  const Index rows = a.rows, cols = a.cols;
  Index j = 0;
  for (; j + 4 <= cols; j += 4) {
    const R* c0 = a.data + j * a.outer;
    const R *c1 = c0 + a.outer, *c2 = c1 + a.outer, *c3 = c2 + a.outer;
    const packet x0 = packets::pset1<packet>(x[j]), x1 = packets::pset1<packet>(x[j + 1]), x2 = packets::pset1<packet>(x[j + 2]),
                 x3 = packets::pset1<packet>(x[j + 3]);
    Index i = 0;
    for (; i + packet_size<R> <= rows; i += packet_size<R>) {
      const packet s = packets::padd(packets::pmul(load(c0, i), x0), packets::pmul(load(c1, i), x1));
      const packet t = packets::padd(packets::pmul(load(c2, i), x2), packets::pmul(load(c3, i), x3));
      packets::pstoreu(y + i, packets::padd(load(y, i), packets::padd(s, t)));
    }
    for (; i < rows; ++i) y[i] += (c0[i] * x[j] + c1[i] * x[j + 1]) + (c2[i] * x[j + 2] + c3[i] * x[j + 3]);
  }
  for (; j < cols; ++j) {
    const R* c = a.data + j * a.outer;
    for (Index i = 0; i < rows; ++i) y[i] += c[i] * x[j];
  }
}

// y = a^T x (a^T: a row-major view of the same storage) as Eigen evaluates y.noalias() =
// a^T * x: zero y, then its matrix-vector kernel adds a^T x (or a dot product when a^T has one
// row); y = a x likewise, or by gemv_columns for a large or strided a. With Eigen 3.3 and 3.4
// the kernel is called directly: the expression layer above it (Product, its evaluators and
// selectors) costs several times the kernel's own compile time, for each combination of
// operand types.
template <bool Transposed, class R>
void gemv(R* y, const dense_view<R>& a, const R* x) {
  const Index rows = Transposed ? a.cols : a.rows, depth = Transposed ? a.rows : a.cols;
  using y_map = vector_map<R>;
  if constexpr (!Transposed) {
    if (rows > 1 && (!a.contiguous() || a.size() * Index(sizeof(R)) > 32768 * Index(sizeof(double)))) {
      std::fill_n(y, rows, R(0));
      return gemv_columns(y, a, x);
    }
  }
#if EIGEN_VERSION_AT_LEAST(3, 3, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 90)
  y_map(y, rows).setZero();
  if (rows == 0 || depth == 0) return;
  if (rows == 1) {  // Eigen's fallback for a matrix with one row: a dot product
    if constexpr (Transposed) y[0] = dot(a.data, x, depth);  // a's column, contiguous
    else
      for (Index k = 0; k < depth; ++k) y[0] += a.data[k * a.outer] * x[k];  // a strided row: in order, as Eigen
    return;
  }
  constexpr int order = Transposed ? Eigen::RowMajor : Eigen::ColMajor;
  using lhs_mapper = packets::const_blas_data_mapper<R, Index, order>;
  using rhs_mapper = packets::const_blas_data_mapper<R, Index, Transposed ? Eigen::ColMajor : Eigen::RowMajor>;
  packets::general_matrix_vector_product<Index, R, lhs_mapper, order, false, R, rhs_mapper, false>::run(
      rows, depth, lhs_mapper(a.data, a.outer), rhs_mapper(x, 1), y, 1, R(1));
#else
  using x_map = const_vector_map<R>;
  if constexpr (Transposed) y_map(y, rows).noalias() = as_matrix(a).transpose() * x_map(x, depth);
  else y_map(y, rows).noalias() = as_matrix(a) * x_map(x, depth);
#endif
}

// out (rows x cols) = u v^T.
template <class R>
void outer(R* out, const R* u, Index rows, const R* v, Index cols) {
  using map = const_vector_map<R>;
  matrix_map<R>(out, rows, cols).noalias() = map(u, rows) * map(v, cols).transpose();
}

// Matrix-matrix products call Eigen's kernel as gemv does, with the packed blocks of
// Eigen's blocking in scratch space the caller owns (Eigen allocates them on the heap
// above 128 KB), so that a compiled evaluator's products allocate nothing.
#if EIGEN_VERSION_AT_LEAST(3, 4, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 90)
#define SYMGRAD_GEMM_KERNEL 1
template <class R>
class gemm_blocking : public packets::level3_blocking<R, R> {
  using base = packets::level3_blocking<R, R>;

 public:
  gemm_blocking(Index rows, Index cols, Index depth) {
    this->m_mc = rows;
    this->m_nc = cols;
    this->m_kc = depth;
    packets::computeProductBlockingSizes<R, R, 1, Index>(this->m_kc, this->m_mc, this->m_nc, 1);
  }
  // Entries of each block, rounded up to 64 bytes so that the second stays aligned.
  Index size_a() const { return round(this->m_mc * this->m_kc); }
  Index size_b() const { return round(this->m_kc * this->m_nc); }
  void place(R* blocks) {
    this->m_blockA = blocks;
    this->m_blockB = blocks + size_a();
  }

 private:
  static constexpr Index line = 64 / sizeof(R);
  static Index round(Index n) { return (n + line - 1) / line * line; }
};
#endif

// The scratch entries gemm needs for a rows x cols product of depth `depth`.
template <class R>
Index gemm_scratch(Index rows, Index cols, Index depth) {
#ifdef SYMGRAD_GEMM_KERNEL
  const gemm_blocking<R> b(rows, cols, depth);
  return b.size_a() + b.size_b();
#else
  (void)rows, (void)cols, (void)depth;
  return 0;
#endif
}

// out (rows x cols) = op(a) op(b); blocks: gemm_scratch(rows, cols, depth) entries.
template <bool TA, bool TB, class R>
void gemm(R* out, Index rows, Index cols, const dense_view<R>& a, const dense_view<R>& b, R* blocks) {
  matrix_map<R> d(out, rows, cols);
#ifdef SYMGRAD_GEMM_KERNEL
  const Index depth = TA ? a.rows : a.cols;
  d.setZero();
  if (rows == 0 || cols == 0 || depth == 0) return;
  gemm_blocking<R> blocking(rows, cols, depth);
  blocking.place(blocks);
  packets::general_matrix_matrix_product<Index, R, TA ? Eigen::RowMajor : Eigen::ColMajor, false, R,
                                    TB ? Eigen::RowMajor : Eigen::ColMajor, false, Eigen::ColMajor,
                                    1>::run(rows, cols, depth, a.data, a.outer, b.data, b.outer, out, 1, rows, R(1),
                                            blocking);
#else
  (void)blocks;
  const auto l = as_matrix(a);
  const auto r = as_matrix(b);
  if constexpr (!TA && !TB) d.noalias() = l * r;
  else if constexpr (!TB) d.noalias() = l.transpose() * r;
  else if constexpr (!TA) d.noalias() = l * r.transpose();
  else d.noalias() = l.transpose() * r.transpose();
#endif
}

// An operand of a chain, possibly read transposed.
template <class R>
struct factor {
  dense_view<R> v;
  bool transposed;
  Index rows() const { return transposed ? v.cols : v.rows; }
  Index cols() const { return transposed ? v.rows : v.cols; }
};

// Only the transpositions that can occur are compiled: a left operand is transposed only
// if it is a single transposed factor (products of several are stored as they are).
template <bool LeftMayBeT, bool RightMayBeT, class R>
void multiply_into(R* out, const factor<R>& a, const factor<R>& b, R* blocks) {
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
template <std::size_t K, bool LeftMayBeT, bool RightMayBeT, class R>
class chain {
 public:
  explicit chain(const std::array<factor<R>, K>& f) : f_(f) {
    std::array<Eigen::Index, K + 1> dims{};
    for (std::size_t i = 0; i < K; ++i) dims[i] = f[i].rows();
    dims[K] = f[K - 1].cols();
    split_ = matmul_order<K>(dims);
  }

  Index rows() const { return f_[0].rows(); }
  Index cols() const { return f_[K - 1].cols(); }

  // out: contiguous storage for rows() x cols() entries.
  void into(R* out) const { into(out, 0, K - 1); }

 private:
  void into(R* out, std::size_t i, std::size_t j) const {
    const std::size_t k = split_[i * K + j];
    matrix_t<R> left, right;  // intermediate products; stay empty for single factors
    const factor<R> a = side(left, i, k), b = side(right, k + 1, j);
    vector_t<R> blocks(gemm_scratch<R>(a.rows(), b.cols(), a.cols()));
    multiply_into<LeftMayBeT, RightMayBeT>(out, a, b, blocks.data());
  }

  factor<R> side(matrix_t<R>& tmp, std::size_t i, std::size_t j) const {
    if (i == j) return f_[i];
    tmp.resize(f_[i].rows(), f_[j].cols());
    into(tmp.data(), i, j);
    return factor<R>{arg(tmp), false};
  }

  const std::array<factor<R>, K>& f_;
  std::array<std::size_t, K * K> split_;
};

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
