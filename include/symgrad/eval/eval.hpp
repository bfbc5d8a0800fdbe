#pragma once
// eval(expr, bindings) and eval_all(bindings, e1, e2, ...): check every size once, then
// compute each distinct subterm once, in plan order. Results: double for scalar shapes,
// VectorXd for n x 1, MatrixXd otherwise.
//
// Compile time: the plan fixes at compile time where every value lives (an array of items:
// the terms, then the variables, then the scalar leaves), so evaluating an expression
// compiles to one function that calls, for each term, the step shared by all terms with
// the same operation and operand kinds (steps.hpp), with constant positions.
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../expr/nodes.hpp"
#include "../expr/variables.hpp"
#include "binding.hpp"
#include "diagnostics.hpp"
#include "extents.hpp"
#include "kernels.hpp"
#include "plan.hpp"
#include "steps.hpp"
#include "stream.hpp"
#include "values.hpp"

namespace symgrad {

/// The result type of evaluating E: double for a scalar, VectorXd for a column, MatrixXd otherwise.
template <class E>
using eval_result_t =
    std::conditional_t<is_scalar_v<E>, double,
                       std::conditional_t<std::is_same_v<typename shape_of_t<E>::cols, unit_dim>, Eigen::VectorXd,
                                          Eigen::MatrixXd>>;

}  // namespace symgrad

namespace symgrad::eval_detail {

// Test hook: incremented once per computed subterm.
inline thread_local std::size_t subterm_evaluations = 0;

// Where each term's value lives: a scalar in its item, a column in a VectorXd, anything
// else in a MatrixXd; slot is the index in the array of its kind.
template <class T>
inline constexpr int storage_v = is_scalar_v<T> ? 0 : std::is_same_v<eval_result_t<T>, Eigen::VectorXd> ? 1 : 2;

template <class Terms>
struct storage;
template <class... T>
struct storage<tlist<T...>> {
  static constexpr std::array<int, sizeof...(T)> kind{storage_v<T>...};
  static constexpr std::size_t count(int k) {
    std::size_t n = 0;
    for (int x : kind) n += x == k;
    return n;
  }
  static constexpr std::array<std::size_t, sizeof...(T)> slot = [] {
    std::array<std::size_t, sizeof...(T)> r{};
    std::size_t next[3] = {0, 0, 0};
    for (std::size_t i = 0; i < sizeof...(T); ++i) r[i] = next[kind[i]]++;
    return r;
  }();
};

template <class... L>
struct concat;
template <class... A, class... B, class... C>
struct concat<tlist<A...>, tlist<B...>, tlist<C...>> { using type = tlist<A..., B..., C...>; };

// The values of leaves that are neither variables nor computed.
template <rat P, class X>
double leaf_value(constant<P>*, const X&) { return to_double(P); }
template <class D, class X>
double leaf_value(size_of<D>*, const X& ext) { return static_cast<double>(ext.template of<D>()); }
template <class S, class X>
double leaf_value(ones<S>*, const X&) { return 1; }
template <class S, class X>
double leaf_value(zeros<S>*, const X&) { return 0; }
template <class D, class X>
double leaf_value(eye<D>*, const X&) { return 1; }  // eye<unit_dim>
template <class X>
double leaf_value(invalid_expr*, const X&) { return 0; }  // already diagnosed by the builder

inline item var_item(const dense_binding& b) { return item{0, arg(b.value())}; }

template <class V>
void check_declared(const item& i) {
  if constexpr (!std::is_same_v<typename var_props<V>::type, no_props>) {
    if constexpr (is_scalar_v<V>) check_values<V>(i.s);
    else check_values<V>(i.v);
  }
}
template <class V>
item var_item(const binding<V, true>& b) { return item{b.value(), {}}; }

// ---- compile-time checks, one diagnostic per missing piece ----------------------------------
// The verdict is a plain trait and the diagnostics are instantiated apart from it, so a
// failed check stops there instead of failing the constant expressions that use it.

template <class V, class... B>
inline constexpr bool is_bound_v = index_of_v<V, tlist<typename B::var_type...>> != npos;

template <class V, class... B>
void report_unbound() {
  if constexpr (!is_bound_v<V, B...>) (void)diagnostic::missing_binding<V>{};
}
template <class D, class Dims>
void report_undetermined() {
  if constexpr (!contains_v<D, Dims>) (void)diagnostic::undetermined_dimension<D>{};
}

template <class Vars, class Needed, class... B>
struct requirements;
template <class... V, class... D, class... B>
struct requirements<tlist<V...>, tlist<D...>, B...> {
  using dims = dims_of_t<typename B::var_type...>;
  static constexpr bool met = (is_bound_v<V, B...> && ...) && (contains_v<D, dims> && ...);
  static void report() {
    (report_unbound<V, B...>(), ...);
    (report_undetermined<D, dims>(), ...);
  }
};

// ---- evaluation context -------------------------------------------------------------------

// Fixes every dimension's extent from the bindings, used or not (dimension names are
// shared by the whole set); throws dimension_error on a mismatch. Depends only on the
// bindings, so all the expressions evaluated with the same bindings share it.
template <class X, class V>
void fix_extent(X& ext, const binding<V, false>& b) {
  ext.template fix<V>(b.value().rows(), b.value().cols());
}
template <class X, class V>
void fix_extent(X&, const binding<V, true>&) {}

template <class... B>
void fix_extents(extents<dims_of_t<typename B::var_type...>>& ext, const bindings<B...>& bs) {
  std::apply([&](const B&... b) { (fix_extent(ext, b), ...); }, bs.items);
}

// Where an evaluation keeps its values: the items (scalars, views of bindings and of
// cached terms), a cache entry per vector or matrix term and scratch space for kernels.
// Kept by a compiled evaluator, its storage is reused: a second evaluation with the same
// extents allocates nothing.
template <class Plan>
struct workspace {
  using terms = typename Plan::terms;
  using vars = typename Plan::vars;
  using leaves = typename Plan::leaves;
  using items_t = typename concat<terms, vars, leaves>::type;
  using store = storage<terms>;
  static constexpr std::size_t n_terms = terms::size, n_vars = vars::size;

  item items[items_t::size];  // never empty: every root is an item
  // One spare entry each, so that neither array is empty.
  Eigen::VectorXd vecs[store::count(1) + 1];
  Eigen::MatrixXd mats[store::count(2) + 1];
  Eigen::VectorXd scratch;
  // Streaming: the sums of the reductions' block parts, and the entries they summed.
  Eigen::MatrixXd sums[n_terms + 1];
  double scalar_sums[n_terms + 1] = {};
  double summed[n_terms + 1] = {};

  // Where a root's value is: the item of its evaluation form.
  template <class E>
  static constexpr std::size_t root_index = index_of_v<typename Plan::template root_t<E>, items_t>;

  // A root's value, in place: a term's cache entry or scalar item. Not for a vector or
  // matrix variable (see take).
  template <class E>
  auto& at() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (store::kind[i] == 1) return vecs[store::slot[i]];
    else return mats[store::slot[i]];
  }

  // A root's result; moved out of its entry unless the same root is asked for again later.
  template <class E, bool Move>
  eval_result_t<E> take() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (i >= n_terms) return eval_result_t<E>(as_matrix<E>(items[i].v));  // a variable
    else if constexpr (Move) return std::move(at<E>());
    else return at<E>();
  }
};

// Computes term I (of type T) with its shared step.
template <class T, std::size_t I, class Plan>
void compute(workspace<Plan>& ws, bool grow_only = false) {
  using w = workspace<Plan>;
  using store = typename w::store;
  ++subterm_evaluations;
  const sink out{&ws.items[I], store::kind[I] == 1 ? ws.vecs + store::slot[I] : nullptr,
                 store::kind[I] == 2 ? ws.mats + store::slot[I] : nullptr, &ws.scratch, grow_only};
  using fz = typename Plan::fusion;
  if constexpr (fz::template fused_v<T>) {
    using r = region<fz, T>;
    run_step(typename r::step{}, ws.items[I], out, ws.items, r::template at<typename w::items_t>.data());
  } else {
    run_step(typename step_of<T>::type{}, ws.items[I], out, ws.items, operands_of<T, typename w::items_t>::value.data());
  }
}

// ---- streaming (stream.hpp): the terms by role, the local ones once per block -------------

template <class T>
inline constexpr bool is_fill_v = false;
template <class S>
inline constexpr bool is_fill_v<ones<S>> = true;
template <class S>
inline constexpr bool is_fill_v<zeros<S>> = true;
template <class T>
inline constexpr bool is_mean_v = false;
template <class A>
inline constexpr bool is_mean_v<node<op::mean, A>> = true;

// A local term for a block of `rows` rows: ones and zeros with D rows (or columns) filled
// to the block, others computed on the block's operands into entries that only grow.
template <class T, std::size_t I, class Plan>
void compute_local(workspace<Plan>& ws, Index rows) {
  if constexpr (is_fill_v<T>) {
    using S = shape_of_t<T>;
    using D = typename stream_plan<Plan>::dim;
    const auto* at = operands_of<T, typename workspace<Plan>::items_t>::value.data();
    const Index r = std::is_same_v<typename S::rows, D> ? rows : static_cast<Index>(ws.items[at[0]].s);
    const Index c = std::is_same_v<typename S::cols, D> ? rows : static_cast<Index>(ws.items[at[1]].s);
    using store = typename workspace<Plan>::store;
    fill(sink{&ws.items[I], store::kind[I] == 1 ? ws.vecs + store::slot[I] : nullptr,
              store::kind[I] == 2 ? ws.mats + store::slot[I] : nullptr, &ws.scratch, true},
         r, c, std::is_same_v<T, ones<S>> ? 1.0 : 0.0);
  } else {
    compute<T, I>(ws, true);
  }
}

// A reduction's part for one block, added to its sum; a mean's part counts its entries.
template <class T, std::size_t I, class Plan>
void accumulate(workspace<Plan>& ws, bool first) {
  compute<T, I>(ws);
  const item& part = ws.items[I];
  if constexpr (is_scalar_v<T>) {
    double weight = 1;
    if constexpr (is_mean_v<T>) {
      weight = static_cast<double>(part.v.size());
      ws.summed[I] = (first ? 0 : ws.summed[I]) + weight;
    }
    ws.scalar_sums[I] = (first ? 0 : ws.scalar_sums[I]) + part.s * weight;
  } else if (first) {
    ws.sums[I] = as_matrix<T>(part.v);
  } else {
    ws.sums[I] += as_matrix<T>(part.v);
  }
}

// The sum back in the reduction's entry.
template <class T, std::size_t I, class Plan>
void finish_reduction(workspace<Plan>& ws) {
  if constexpr (is_scalar_v<T>) {
    ws.items[I].s = is_mean_v<T> ? ws.scalar_sums[I] / ws.summed[I] : ws.scalar_sums[I];
  } else {
    using store = typename workspace<Plan>::store;
    const sink out{&ws.items[I], store::kind[I] == 1 ? ws.vecs + store::slot[I] : nullptr,
                   store::kind[I] == 2 ? ws.mats + store::slot[I] : nullptr, &ws.scratch};
    const Eigen::MatrixXd& s = ws.sums[I];
    std::copy_n(s.data(), s.size(), out.resize(s.rows(), s.cols()));
  }
}

template <int Phase, class T, std::size_t I, class Plan>
void stream_step(workspace<Plan>& ws, Index rows, bool first) {
  constexpr int role = stream_plan<Plan>::roles[I];
  if constexpr (Phase == 0 && role == free_role) compute<T, I>(ws);
  else if constexpr (Phase == 1 && (role == local_role || role == local_t_role)) compute_local<T, I>(ws, rows);
  else if constexpr (Phase == 1 && role == reduction_role) accumulate<T, I>(ws, first);
  else if constexpr (Phase == 2 && role == reduction_role) finish_reduction<T, I>(ws);
  else if constexpr (Phase == 3 && role == after_role) compute<T, I>(ws);
  (void)ws, (void)rows, (void)first;
}

// The free terms, then the local terms and reductions block by block (each local variable
// bound to its block's rows), then the sums and the terms after them.
template <class Plan, class... T, std::size_t... IT>
void run_streamed(workspace<Plan>& ws, Index m, Index block, tlist<T...>, std::index_sequence<IT...>) {
  using w = workspace<Plan>;
  using sp = stream_plan<Plan>;
  ++streamed_evaluations;
  (stream_step<0, T, IT>(ws, 0, false), ...);
  std::array<dense_view, w::n_vars + 1> full{};
  for (std::size_t v = 0; v < w::n_vars; ++v) full[v] = ws.items[w::n_terms + v].v;
  for (Index r0 = 0; r0 < m; r0 += block) {
    const Index rows = m - r0 < block ? m - r0 : block;
    for (std::size_t v = 0; v < w::n_vars; ++v)
      if (sp::var_roles[v] == local_role) ws.items[w::n_terms + v].v = {full[v].data + r0, rows, full[v].cols, full[v].outer};
    (stream_step<1, T, IT>(ws, rows, r0 == 0), ...);
  }
  for (std::size_t v = 0; v < w::n_vars; ++v) ws.items[w::n_terms + v].v = full[v];
  (stream_step<2, T, IT>(ws, 0, false), ...);
  (stream_step<3, T, IT>(ws, 0, false), ...);
}

// Checks every size (throwing dimension_error before any arithmetic), reads the leaves,
// then computes every term in plan order: one function per expression and binding types,
// whose body is a call of a shared step per term. A plan that streams (stream.hpp), on data
// larger than a cache, is computed block by block instead.
template <class Plan, class... B, class... V, class... L, class... T, std::size_t... IV, std::size_t... IL,
          std::size_t... IT>
void run_plan(workspace<Plan>& ws, const bindings<B...>& bs, tlist<V...>, tlist<L...>, tlist<T...> terms,
              std::index_sequence<IV...>, std::index_sequence<IL...>, std::index_sequence<IT...> order) {
  using w = workspace<Plan>;
  constexpr std::size_t n_terms = w::n_terms, n_vars = w::n_vars;
  extents<dims_of_t<typename B::var_type...>> ext;
  fix_extents(ext, bs);
  ((ws.items[n_terms + IV] = var_item(std::get<index_of_v<V, tlist<typename B::var_type...>>>(bs.items))), ...);
  (check_declared<V>(ws.items[n_terms + IV]), ...);
  ((ws.items[n_terms + n_vars + IL].s = leaf_value(static_cast<L*>(nullptr), ext)), ...);
  if constexpr (stream_plan<Plan>::value) {
    using sp = stream_plan<Plan>;
    const Index m = ext.template of<typename sp::dim>();
    Index columns = 0;
    ((columns += sp::var_roles[IV] == local_role ? ws.items[n_terms + IV].v.cols : 0), ...);
    if (streams(m, columns)) return run_streamed(ws, m, block_rows(columns), terms, order);
  }
  (compute<T, IT>(ws), ...);
}
template <class Plan, class... B>
void run_plan(workspace<Plan>& ws, const bindings<B...>& bs) {
  using w = workspace<Plan>;
  run_plan(ws, bs, typename w::vars{}, typename w::leaves{}, typename w::terms{}, std::make_index_sequence<w::n_vars>{},
           std::make_index_sequence<w::leaves::size>{}, std::make_index_sequence<w::n_terms>{});
}

// Whether the bindings can evaluate the plan (a plain trait, see above), and the
// diagnostics of what is missing. A binding error is diagnosed at its `=`.
template <class Plan, class... B>
inline constexpr bool can_evaluate_v =
    !(is_binding_error_v<B> || ...) && requirements<typename Plan::vars, typename Plan::needed_dims, B...>::met;
template <class Plan, class... B>
void report_requirements() {
  if constexpr (!(is_binding_error_v<B> || ...))
    requirements<typename Plan::vars, typename Plan::needed_dims, B...>::report();
}

template <class E, std::size_t I, class... Es>
constexpr bool last_occurrence() {
  constexpr bool same[] = {std::is_same_v<E, Es>..., false};
  for (std::size_t j = I + 1; j < sizeof...(Es); ++j)
    if (same[j]) return false;
  return true;
}

}  // namespace symgrad::eval_detail

namespace symgrad {

/// Evaluates several expressions at once, each distinct subterm once; a std::tuple of results.
template <class... B, expression... E>
std::tuple<eval_result_t<E>...> eval_all(const bindings<B...>& bs, E...) {
  detail::check_variables<E...>();
  using P = eval_detail::plan<E...>;
  if constexpr (!eval_detail::can_evaluate_v<P, B...>) {
    eval_detail::report_requirements<P, B...>();
    return {};
  } else {
    eval_detail::workspace<P> ws;
    eval_detail::run_plan(ws, bs);  // throws dimension_error before any arithmetic
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      // Braces: left to right, so a repeated root is copied before its last use moves it.
      return std::tuple<eval_result_t<E>...>{ws.template take<E, eval_detail::last_occurrence<E, I, E...>()>()...};
    }(std::index_sequence_for<E...>{});
  }
}

/// Evaluates an expression; throws dimension_error if bound sizes contradict each other.
template <expression E, class... B>
eval_result_t<E> eval(E e, const bindings<B...>& bs) {
  return std::get<0>(eval_all(bs, e));
}

}  // namespace symgrad
