#pragma once
// What computing one term takes, independent of the expression it belongs to. A step type
// names the operation and the kinds of its operands (scalar, matrix, matrix read
// transposed, row or column stretched by broadcasting); run_step(step, ...) reads the
// operands from the evaluation's items at positions the plan fixes at compile time. Every
// term with the same operation and operand kinds, in any expression, shares one step, so a
// translation unit compiles each step once and an expression adds only a row per term to a
// table of calls (plan/workspace.hpp).
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../diagnostics.hpp"
#include "../kernels/functions.hpp"
#include "../kernels/products.hpp"
#include "../kernels/reductions.hpp"
#include "../ops.hpp"
#include "operands.hpp"
#include "plan.hpp"

namespace symgrad::eval_detail {

// Elementwise operations, reductions and transposes of operands of kinds K...
template <class Op, operand_kind... K>
struct elementwise_step {};
// The operation of a power with a constant exponent P.
template <rat P>
struct pow_by {};
// ones (1) or zeros (0) that are not scalars; the operands are the extents.
template <int Value>
struct fill_with {};
// eye that is not a scalar; the operands are the extents (both the same).
struct fill_identity_step {};
// logsumexp of a vector or matrix: over all of a vector (Whole: the result is a scalar), or
// of each row of a matrix.
template <bool Whole>
struct logsumexp_step {};
// row_shift of a matrix (rewrites.hpp).
struct row_shift_step {};

// The kernel of a matrix product, chosen by the static shapes of its two factors that are not
// scalars.
enum class product_kind {
  chained,  // not exactly two factors that are not scalars
  dot,      // row times column
  column,   // matrix (or row) times column: gemv
  row,      // row times matrix: transposed gemv
  outer,    // column times row
  matrix,   // matrix times matrix: gemm
};

// A matrix product of the kind product_form selects; K...: the factors' kinds.
template <product_kind Form, bool ScalarResult, operand_kind... K>
struct product_step {};

template <class A>
inline constexpr operand_kind factor_kind_v =
    is_scalar_v<A>                                               ? operand_kind::scalar
    : std::is_same_v<typename operand<op::matmul, A>::type, A> ? operand_kind::matrix
                                                                 : operand_kind::transposed;

template <class... A>
constexpr product_kind product_form() {
  constexpr bool scalar[] = {is_scalar_v<A>...};
  constexpr bool unit_rows[] = {std::is_same_v<typename shape_of_t<A>::rows, unit_dim>...};
  constexpr bool unit_cols[] = {std::is_same_v<typename shape_of_t<A>::cols, unit_dim>...};
  std::size_t pos[2] = {0, 0}, n = 0;
  for (std::size_t i = 0; i < sizeof...(A); ++i)
    if (!scalar[i] && n++ < 2) pos[n - 1] = i;
  if (n != 2) return product_kind::chained;
  if (unit_rows[pos[0]] && unit_cols[pos[1]]) return product_kind::dot;
  if (unit_cols[pos[1]]) return product_kind::column;
  if (unit_rows[pos[0]]) return product_kind::row;
  if (unit_cols[pos[0]]) return product_kind::outer;
  return product_kind::matrix;
}

template <class T>
struct step_of;
template <class S>
struct step_of<ones<S>> { using type = fill_with<1>; };
template <class S>
struct step_of<zeros<S>> { using type = fill_with<0>; };
template <class D>
struct step_of<eye<D>> { using type = fill_identity_step; };
template <class Op, class... A>
struct step_of<node<Op, A...>> {
  using type = elementwise_step<Op, (broadcasts_v<Op> ? broadcast_kind_v<A, shape_of_t<node<Op, A...>>> : kind_of_v<A>)...>;
};
template <class A>
struct step_of<node<op::logsumexp, A>> {  // of a scalar: the scalar itself
  using type = std::conditional_t<is_scalar_v<A>, elementwise_step<op::logsumexp, operand_kind::scalar>,
                                  logsumexp_step<is_scalar_v<node<op::logsumexp, A>>>>;
};
template <class A, rat P>
struct step_of<node<op::pow, A, constant<P>>> { using type = elementwise_step<pow_by<P>, kind_of_v<A>>; };
template <class A>
struct step_of<node<op::row_shift, A>> { using type = row_shift_step; };
template <class... A>
struct step_of<node<op::matmul, A...>> {
  using type = product_step<product_form<A...>(), is_scalar_v<node<op::matmul, A...>>, factor_kind_v<A>...>;
};

// The positions, among the plan's items, of the operands a term's step reads.
template <class T, class Items>
struct operands_of;
template <class S, class Items>
struct operands_of<ones<S>, Items> {
  static constexpr std::array<std::size_t, 2> value{detail::index_of_v<extent_leaf_t<typename S::rows>, Items>,
                                                    detail::index_of_v<extent_leaf_t<typename S::cols>, Items>};
};
template <class S, class Items>
struct operands_of<zeros<S>, Items> : operands_of<ones<S>, Items> {};
template <class D, class Items>
struct operands_of<eye<D>, Items> : operands_of<ones<shape<D, D>>, Items> {};
template <class Op, class... A, class Items>
struct operands_of<node<Op, A...>, Items> {
  template <class L>
  struct of;
  template <class... R>
  struct of<detail::type_list<R...>> {
    static constexpr std::array<std::size_t, sizeof...(R)> value{detail::index_of_v<R, Items>...};
  };
  static constexpr auto value = of<typename read_operands<Op, A...>::type>::value;
};

// ---- elementwise steps ------------------------------------------------------------------

template <class Op>
struct pow_exponent;
template <rat P>
struct pow_exponent<pow_by<P>> { static constexpr rat value = P; };
template <class Op>
inline constexpr bool is_pow_v = false;
template <rat P>
inline constexpr bool is_pow_v<pow_by<P>> = true;

template <class Op, class... V>
std::common_type_t<V...> scalar_op(V... v) {
  if constexpr (std::is_same_v<Op, op::add>) return (v + ...);
  else if constexpr (std::is_same_v<Op, op::mul>) return (v * ...);
  else if constexpr (std::is_same_v<Op, op::sub>) return (... - v);  // binary
  else if constexpr (std::is_same_v<Op, op::div>) return (... / v);  // binary
  else if constexpr (std::is_same_v<Op, op::neg>) return -(v, ...);
  else if constexpr (std::is_same_v<Op, op::transpose>) return (v, ...);
  else if constexpr (std::is_same_v<Op, op::logsumexp>) return (v, ...);  // log(exp(x)), exactly
  else if constexpr (is_pow_v<Op>) return pow_of<pow_exponent<Op>::value>(v...);
  else if constexpr (op::is_function_v<Op>) return fn(Op{}, v...);
  else { (void)diagnostic::no_kernel<Op>{}; return 0; }
}

template <class Op, class R, class... V>
void elementwise(item<R>& self, const sink<R>& out, const V&... v) {
  if constexpr (std::is_same_v<Op, op::sum> || std::is_same_v<Op, op::mean>) {
    self.s = reduce<Op>(v...);
    self.v = reduced_extents(v...);
  }
  else if constexpr ((is_number_v<V> && ...)) self.s = scalar_op<Op>(v...);
  else if constexpr (std::is_same_v<Op, op::add> || std::is_same_v<Op, op::mul>) {
    if constexpr (sizeof...(V) == 2) binary<Op>(out, v...);
    else nary<Op>(out, v...);
  } else if constexpr (std::is_same_v<Op, op::sub> || std::is_same_v<Op, op::div>) binary<Op>(out, v...);
  else if constexpr (std::is_same_v<Op, op::neg>) apply<k_neg>(out, v...);
  else if constexpr (std::is_same_v<Op, op::transpose>) transpose_into(out, v...);
  else if constexpr (is_pow_v<Op>) apply<k_packet<pow_lanes<pow_exponent<Op>::value>>>(out, v...);
  else if constexpr (has_lanes_v<Op>) apply<k_packet<lane_fn<Op>>>(out, v...);
  else if constexpr (op::is_function_v<Op>) apply<k_array<array_fn<Op>>>(out, v...);
  else (void)diagnostic::no_kernel<Op>{};
}

template <class Op, operand_kind... K, class R>
void run_ew(item<R>& self, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    elementwise<Op>(self, out, value_of<K>(in[at[J]])...);
  }(std::make_index_sequence<sizeof...(K)>{});
}

// A step with a vector or matrix operand is out of line: each is compiled once (inlining
// every kernel costs the optimiser far more than the calls cost at run time). Scalar
// arithmetic is inlined into its step's entry in the plan's table (call_step).
template <class Op, operand_kind... K, class R>
EIGEN_DONT_INLINE void run_matrix_ew(item<R>& self, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  run_ew<Op, K...>(self, out, in, at);
}

template <class Op, operand_kind... K, class R>
void run_step(elementwise_step<Op, K...>, item<R>& self, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  if constexpr (((K == operand_kind::scalar) && ...)) run_ew<Op, K...>(self, out, in, at);
  else run_matrix_ew<Op, K...>(self, out, in, at);
}

template <int Value, class R>
EIGEN_DONT_INLINE void run_step(fill_with<Value>, item<R>&, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  fill(out, static_cast<Index>(in[at[0]].s), static_cast<Index>(in[at[1]].s), R(Value));
}

template <class R>
EIGEN_DONT_INLINE void run_step(fill_identity_step, item<R>&, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  fill_identity(out, static_cast<Index>(in[at[0]].s));
}

template <bool Whole, class R>
EIGEN_DONT_INLINE void run_step(logsumexp_step<Whole>, item<R>& self, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  const dense_view<R>& v = in[at[0]].v;
  if constexpr (Whole) self.s = logsumexp_of(v);
  else {
    R* scratch = out.scratch(2 * v.rows);
    logsumexp_rows(out.resize(v.rows, 1), v, scratch);
  }
}

template <class R>
EIGEN_DONT_INLINE void run_step(row_shift_step, item<R>&, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  const dense_view<R>& v = in[at[0]].v;
  row_shifts(out.resize(v.rows, 1), v);
}

// ---- matrix products ----------------------------------------------------------------------
// A 1 x 1 (scalar) factor commutes with everything, so it scales the product of the
// others. A transposed factor is read through its operand, never materialised.

// The positions of the factors that are not scalars.
template <operand_kind... K>
constexpr auto matrix_positions() {
  constexpr operand_kind kinds[] = {K..., operand_kind::scalar};
  std::array<std::size_t, ((K != operand_kind::scalar) + ... + 0)> pos{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < sizeof...(K); ++i)
    if (kinds[i] != operand_kind::scalar) pos[n++] = i;
  return pos;
}

// Whether any of the factors from..to-1 (among those that are not scalars) is transposed.
template <operand_kind... K>
constexpr bool any_transposed(std::size_t from, std::size_t to) {
  constexpr operand_kind kinds[] = {K..., operand_kind::scalar};
  constexpr auto pos = matrix_positions<K...>();
  for (std::size_t i = from; i < to; ++i)
    if (kinds[pos[i]] == operand_kind::transposed) return true;
  return false;
}

template <product_kind Form, bool ScalarResult, operand_kind... K, class R>
EIGEN_DONT_INLINE void run_step(product_step<Form, ScalarResult, K...>, item<R>& self, const sink<R>& out, const item<R>* in,
                                const std::size_t* at) {
  constexpr operand_kind kinds[] = {K..., operand_kind::scalar};
  constexpr auto pos = matrix_positions<K...>();
  constexpr std::size_t n = pos.size();
  constexpr bool scaled = ((K == operand_kind::scalar) || ...);
  R scale = 1;
  if constexpr (scaled)
    for (std::size_t j = 0; j < sizeof...(K); ++j)
      if (kinds[j] == operand_kind::scalar) scale *= in[at[j]].s;
  const auto factor_at = [&](std::size_t j) {
    return factor<R>{in[at[pos[j]]].v, kinds[pos[j]] == operand_kind::transposed};
  };

  R* p = nullptr;  // the result's storage, to scale
  if constexpr (n == 0) {
    self.s = scale;
    return;
  } else if constexpr (n == 1) {  // rare: a product with scalar factors
    const factor<R> f = factor_at(0);
    if (f.transposed) transpose_into(out, f.v);
    else apply<k_copy>(out, f.v);
    p = const_cast<R*>(self.v.data);
  } else if constexpr (Form == product_kind::dot) {
    const factor<R> f0 = factor_at(0), f1 = factor_at(1);
    const auto x = vector_entries<2, R>({f0.v, f1.v}, out);
    self.s = dot(x[0], x[1], f0.v.size());
    if constexpr (scaled) self.s *= scale;
    return;
  } else if constexpr (Form == product_kind::column) {
    const factor<R> f0 = factor_at(0), f1 = factor_at(1);
    const auto x = vector_entries<1, R>({f1.v}, out);
    p = out.resize(f0.rows(), 1);
    gemv<kinds[pos[0]] == operand_kind::transposed>(p, f0.v, x[0]);
  } else if constexpr (Form == product_kind::row) {
    const factor<R> f0 = factor_at(0), f1 = factor_at(1);
    const auto x = vector_entries<1, R>({f0.v}, out);
    p = out.resize(1, f1.cols());
    gemv<kinds[pos[1]] != operand_kind::transposed>(p, f1.v, x[0]);
  } else if constexpr (Form == product_kind::outer) {
    const factor<R> f0 = factor_at(0), f1 = factor_at(1);
    const auto x = vector_entries<2, R>({f0.v, f1.v}, out);
    const Index r = f0.v.size(), c = f1.v.size();
    p = out.resize(r, c);
    outer(p, x[0], r, x[1], c);
  } else if constexpr (Form == product_kind::matrix) {
    const factor<R> f0 = factor_at(0), f1 = factor_at(1);
    R* blocks = out.scratch(gemm_scratch<R>(f0.rows(), f1.cols(), f0.cols()));
    p = out.resize(f0.rows(), f1.cols());
    constexpr bool left_t = kinds[pos[0]] == operand_kind::transposed, right_t = kinds[pos[1]] == operand_kind::transposed;
    gemm<left_t, right_t>(p, f0.rows(), f1.cols(), f0.v, f1.v, blocks);
  } else {  // three or more: the cheapest order at run time
    const auto f = [&]<std::size_t... J>(std::index_sequence<J...>) {
      return std::array<factor<R>, n>{factor_at(J)...};
    }(std::make_index_sequence<n>{});
    const chain<n, any_transposed<K...>(0, n - 1), any_transposed<K...>(1, n), R> c(f);
    if constexpr (ScalarResult) {
      R r;
      c.into(&r);
      self.s = scaled ? r * scale : r;
      return;
    } else {
      p = out.resize(c.rows(), c.cols());
      c.into(p);
    }
  }
  if constexpr (scaled && !ScalarResult) over_segments<k_into<op::mul>>(p, self.v.size(), 1, scale);
}

}  // namespace symgrad::eval_detail
