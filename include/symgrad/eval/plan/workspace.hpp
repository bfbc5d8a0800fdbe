#pragma once
// Where an evaluation keeps its values (the workspace of a plan), and the computation of one
// term into it with its shared step.
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../kernels/views.hpp"
#include "fuse.hpp"
#include "plan.hpp"
#include "steps.hpp"

namespace symgrad {

/// The result type of evaluating E in number type R (double, or float for float bindings): R for
/// a scalar, a column vector (VectorXd) for a column, a matrix (MatrixXd) otherwise.
template <class E, class R = double>
using eval_result_t =
    std::conditional_t<is_scalar_v<E>, R,
                       std::conditional_t<std::is_same_v<typename shape_of_t<E>::cols, unit_dim>,
                                          Eigen::Matrix<R, Eigen::Dynamic, 1>, Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic>>>;

}  // namespace symgrad

namespace symgrad::eval_detail {

// Test hook: incremented once per computed subterm.
inline thread_local std::size_t subterm_evaluations = 0;

// Where each term's value lives: a scalar in its item, a column in a VectorXd, anything
// else in a MatrixXd; slot is the index in the array of its kind.
enum class storage_kind { scalar, vector, matrix };
template <class T>
inline constexpr storage_kind storage_v = is_scalar_v<T>                                         ? storage_kind::scalar
                                          : std::is_same_v<eval_result_t<T>, Eigen::VectorXd> ? storage_kind::vector
                                                                                              : storage_kind::matrix;

template <class Terms>
struct storage;
template <class... T>
struct storage<detail::type_list<T...>> {
  static constexpr std::array<storage_kind, sizeof...(T)> kind{storage_v<T>...};
  static constexpr std::size_t count(storage_kind k) {
    std::size_t n = 0;
    for (storage_kind x : kind) n += x == k;
    return n;
  }
  static constexpr std::array<std::size_t, sizeof...(T)> slot = [] {
    std::array<std::size_t, sizeof...(T)> r{};
    std::size_t next[3] = {0, 0, 0};
    for (std::size_t i = 0; i < sizeof...(T); ++i) r[i] = next[static_cast<int>(kind[i])]++;
    return r;
  }();
};

template <class... L>
struct concat;
template <class... A, class... B, class... C>
struct concat<detail::type_list<A...>, detail::type_list<B...>, detail::type_list<C...>> { using type = detail::type_list<A..., B..., C...>; };

// Where an evaluation keeps its values: the items (scalars, views of bindings and of
// cached terms), a cache entry per vector or matrix term and scratch space for kernels.
// Kept by a compiled evaluator, its storage is reused: a second evaluation with the same
// extents allocates nothing.
template <class Plan, class R = double>
struct workspace {
  using terms = typename Plan::terms;
  using vars = typename Plan::vars;
  using leaves = typename Plan::leaves;
  using items_t = typename concat<terms, vars, leaves>::type;
  using store = storage<terms>;
  static constexpr std::size_t n_terms = terms::size, n_vars = vars::size;

  item<R> items[items_t::size];  // never empty: every root is an item
  // One spare entry each, so that neither array is empty.
  vector_t<R> vecs[store::count(storage_kind::vector) + 1];
  matrix_t<R> mats[store::count(storage_kind::matrix) + 1];
  vector_t<R> scratch;
  // Streaming: the sums of the reductions' block parts, and the entries they summed.
  matrix_t<R> sums[n_terms + 1];
  R scalar_sums[n_terms + 1] = {};
  R summed[n_terms + 1] = {};
  // Threads: each reduction's part of each chunk this workspace computed (stream.hpp).
  matrix_t<R> parts[n_terms + 1];

  // Where a root's value is: the item of its evaluation form.
  template <class E>
  static constexpr std::size_t root_index = detail::index_of_v<typename Plan::template root_t<E>, items_t>;

  // A root's value, in place: a term's cache entry or scalar item. Not for a vector or
  // matrix variable (see take).
  template <class E>
  auto& at() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (store::kind[i] == storage_kind::vector) return vecs[store::slot[i]];
    else return mats[store::slot[i]];
  }

  // Where term I writes its value: its item and its cache entry; grow_only for a block of
  // rows (stream.hpp).
  template <std::size_t I>
  sink<R> sink_of(bool grow_only = false) {
    return {&items[I], store::kind[I] == storage_kind::vector ? vecs + store::slot[I] : nullptr,
            store::kind[I] == storage_kind::matrix ? mats + store::slot[I] : nullptr, &scratch, grow_only};
  }

  // A root's result; moved out of its entry unless the same root is asked for again later.
  template <class E, bool Move>
  eval_result_t<E, R> take() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (i >= n_terms) return eval_result_t<E, R>(as_matrix(items[i].v));  // a variable
    else if constexpr (Move) return std::move(at<E>());
    else return at<E>();
  }
};

// Computes term I (of type T) with its shared step.
template <class T, std::size_t I, class Plan, class R>
void compute(workspace<Plan, R>& ws, bool grow_only = false) {
  using w = workspace<Plan, R>;
  ++subterm_evaluations;
  const sink<R> out = ws.template sink_of<I>(grow_only);
  using fused = typename Plan::fusion;
  if constexpr (fused::template fused_v<T>) {
    using r = region<fused, T>;
    run_step(typename r::step{}, ws.items[I], out, ws.items, r::template at<typename w::items_t>.data());
  } else {
    run_step(typename step_of<T>::type{}, ws.items[I], out, ws.items, operands_of<T, typename w::items_t>::value.data());
  }
}

}  // namespace symgrad::eval_detail
