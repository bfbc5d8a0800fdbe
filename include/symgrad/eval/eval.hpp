#pragma once
// eval(expr, bindings) and eval_all(bindings, e1, e2, ...): check every size once, then
// compute each distinct subterm once, in plan order. Results: double for scalar shapes,
// VectorXd for n x 1, MatrixXd otherwise; float, VectorXf and MatrixXf when the vector and
// matrix bindings are of floats (the evaluation then computes in float).
//
// Compile time: the plan fixes at compile time where every value lives (an array of items:
// the terms, then the variables, then the scalar leaves), so evaluating an expression
// compiles to one function that calls, for each term, the step shared by all terms with
// the same operation and operand kinds (plan/steps.hpp), with constant positions.
#include <array>
#include <cstddef>
#include <numbers>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../detail/type_list.hpp"
#include "../expr/nodes.hpp"
#include "../expr/variables.hpp"
#include "binding.hpp"
#include "diagnostics.hpp"
#include "extents.hpp"
#include "kernels/views.hpp"
#include "plan/plan.hpp"
#include "plan/stream.hpp"
#include "plan/workspace.hpp"
#include "values.hpp"

namespace symgrad::eval_detail {

// The values of leaves that are neither variables nor computed.
template <rat P, class X>
double leaf_value(constant<P>*, const X&) { return to_double(P); }
template <class D, class X>
double leaf_value(size_of<D>*, const X& ext) { return static_cast<double>(ext.template of<D>()); }
template <class X>
double leaf_value(pi_constant*, const X&) { return std::numbers::pi; }
template <class S, class X>
double leaf_value(ones<S>*, const X&) { return 1; }
template <class S, class X>
double leaf_value(zeros<S>*, const X&) { return 0; }
template <class D, class X>
double leaf_value(eye<D>*, const X&) { return 1; }  // eye<unit_dim>
template <class X>
double leaf_value(invalid_expr*, const X&) { return 0; }  // already diagnosed by the builder

template <class R>
item<R> var_item(const dense_binding<R>& b) { return item<R>{0, arg(b.value())}; }
template <class R, class V>
item<R> var_item(const binding<V, true>& b) { return item<R>{static_cast<R>(b.value()), {}}; }

template <class V, class R>
void check_declared(const item<R>& i) {
  if constexpr (!std::is_same_v<typename var_props<V>::type, no_props>) {
    if constexpr (is_scalar_v<V>) check_values<V>(i.s);
    else check_values<V>(i.v);
  }
}

// ---- compile-time checks, one diagnostic per missing piece ----------------------------------
// The verdict is a plain trait and the diagnostics are instantiated apart from it, so a
// failed check stops there instead of failing the constant expressions that use it.

template <class V, class... B>
inline constexpr bool is_bound_v = detail::index_of_v<V, detail::type_list<typename B::var_type...>> != detail::npos;

// What is missing, as text: "y: m x 1, b: 1 x 1" (variables), "k" (dimensions).
template <class V>
constexpr auto name_of(V*) { return diagnostic::text_detail::var_name<V>::value; }
template <class D>
constexpr auto name_of(D*) requires(!is_var_v<D>) { return diagnostic::text_detail::dim_name<D>; }
constexpr auto names_of(detail::type_list<>) { return fixed_string(""); }
template <class F, class... R>
constexpr auto names_of(detail::type_list<F, R...>) {
  return symgrad::concat(name_of(static_cast<F*>(nullptr)), symgrad::concat(fixed_string(", "), name_of(static_cast<R*>(nullptr)))...);
}

// Nothing to report.
struct met {};

template <class Vars, class Needed, class... B>
struct requirements;
template <class... V, class... D, class... B>
struct requirements<detail::type_list<V...>, detail::type_list<D...>, B...> {
  using dims = dims_of_t<typename B::var_type...>;
  using unbound = decltype(detail::join(std::conditional_t<is_bound_v<V, B...>, detail::type_list<>, detail::type_list<V>>{}...));
  using undetermined = decltype(detail::join(std::conditional_t<detail::in_list_v<D, dims>, detail::type_list<>, detail::type_list<D>>{}...));
  static constexpr bool met = unbound::size == 0 && undetermined::size == 0;
  // Named, not instantiated, until a failed evaluation instantiates them.
  using missing_binding = std::conditional_t<unbound::size == 0, eval_detail::met,
                                             diagnostic::missing_binding<diagnostic::text_t<names_of(unbound{})>>>;
  using undetermined_dimension =
      std::conditional_t<undetermined::size == 0, eval_detail::met,
                         diagnostic::undetermined_dimension<diagnostic::text_t<names_of(undetermined{})>>>;
};

// ---- evaluation context -------------------------------------------------------------------

// Fixes every dimension's extent from the bindings, used or not (dimension names are
// shared by the whole set); throws dimension_error on a mismatch. Depends only on the
// bindings, so all the expressions evaluated with the same bindings share it.
template <class X, class V, class R>
void fix_extent(X& ext, const binding<V, false, R>& b) {
  ext.template fix<V>(b.value().rows(), b.value().cols());
}
template <class X, class V>
void fix_extent(X&, const binding<V, true>&) {}

template <class... B>
void fix_extents(extents<dims_of_t<typename B::var_type...>>& ext, const bindings<B...>& bs) {
  std::apply([&](const B&... b) { (fix_extent(ext, b), ...); }, bs.items);
}

// Checks every size (throwing dimension_error before any arithmetic), reads the leaves,
// then computes every term in plan order: one function per expression and binding types,
// whose body runs the plan's table of shared steps (plan/workspace.hpp). A plan that streams
// (plan/stream.hpp), on data larger than a cache, is computed block by block instead, over
// the threads of a compiled evaluator if it has them. Across: one_process, or the ranks of
// symgrad/mpi.hpp, which agree on the checks and the rows before any arithmetic, always
// evaluate in blocks, and add their sums.
template <class Plan, class R, class Pool, class Across, class... B, class... V, class... L, std::size_t... IV,
          std::size_t... IL>
void run_plan(workspace<Plan, R>& ws, const bindings<B...>& bs, Pool* pool, Across& across, detail::type_list<V...>,
              detail::type_list<L...>, std::index_sequence<IV...>, std::index_sequence<IL...>) {
  using w = workspace<Plan, R>;
  constexpr std::size_t n_terms = w::n_terms, n_vars = w::n_vars;
  extents<dims_of_t<typename B::var_type...>> ext;
  Index m = 0;  // this process's rows (the batch dimension's extent), when the plan streams
  across.agree(ext, [&] {
    fix_extents(ext, bs);
    ((ws.items[n_terms + IV] = var_item<R>(std::get<detail::index_of_v<V, detail::type_list<typename B::var_type...>>>(bs.items))), ...);
    (check_declared<V>(ws.items[n_terms + IV]), ...);
    if constexpr (stream_plan<Plan>::value) m = ext.template of<typename stream_plan<Plan>::dim>();
  });
  ((ws.items[n_terms + n_vars + IL].s = static_cast<R>(leaf_value(static_cast<L*>(nullptr), ext))), ...);
  if constexpr (stream_plan<Plan>::value) {
    Index columns = 0;
    ((columns += stream_plan<Plan>::var_roles[IV] == role::local ? ws.items[n_terms + IV].v.cols : 0), ...);
    if (Across::sharded || streams<R>(m, columns)) {
      std::array<dense_view<R>, n_vars + 1> full{};
      return run_streamed(stream_plan<Plan>::space(ws), full.data(), m,
                          plan_block_rows<R>(m, columns, stream_plan<Plan>::local_vectors_only),
                          expected_sums<Plan>(ext), access_of<Plan, R>(pool), across);
    }
  }
  const space_ref<R> all = ws.ref(w::whole_slots);
  for (std::size_t i = 0; i < n_terms; ++i) all.compute(i);
}
// pool: the threads of a compiled evaluator (helpers<workspace<Plan, R>>), or none.
template <class Plan, class R, class Pool = no_helpers, class Across = one_process, class... B>
void run_plan(workspace<Plan, R>& ws, const bindings<B...>& bs, Pool* pool = nullptr, Across&& across = {}) {
  using w = workspace<Plan, R>;
  run_plan(ws, bs, pool, across, typename w::vars{}, typename w::leaves{}, std::make_index_sequence<w::n_vars>{},
           std::make_index_sequence<w::leaves::size>{});
}

// Whether the bindings can evaluate the plan (a plain trait, see above), and the
// diagnostics of what is missing, instantiated directly by the evaluating function so that
// the compiler's report is short. A binding error is diagnosed at its `=`.
template <class Plan, class... B>
using requirements_t = requirements<typename Plan::vars, typename Plan::needed_dims, B...>;
template <class Plan, class... B>
inline constexpr bool can_evaluate_v = !(is_binding_error_v<B> || ...) && requirements_t<Plan, B...>::met;
template <class Plan, class... B>
using missing_binding_t =
    std::conditional_t<(is_binding_error_v<B> || ...), met, typename requirements_t<Plan, B...>::missing_binding>;
template <class Plan, class... B>
using undetermined_dimension_t =
    std::conditional_t<(is_binding_error_v<B> || ...), met, typename requirements_t<Plan, B...>::undetermined_dimension>;

template <class E, std::size_t I, class... Es>
constexpr bool last_occurrence() {
  constexpr bool same[] = {std::is_same_v<E, Es>..., false};
  for (std::size_t j = I + 1; j < sizeof...(Es); ++j)
    if (same[j]) return false;
  return true;
}

}  // namespace symgrad::eval_detail

namespace symgrad {

/// Whether bindings B... bind every variable of F (a binding error counts as bound: it is
/// diagnosed at its `=`), and the diagnostic that names those they lack, for a function
/// that checks before it builds what it evaluates (value_and_grad).
template <class F, class... B>
using variables_required_t =
    eval_detail::requirements<detail::collect_t<detail::var_of, detail::type_list<>, F>, detail::type_list<>, B...>;
template <class F, class... B>
inline constexpr bool binds_variables_of_v = (is_binding_error_v<B> || ...) || variables_required_t<F, B...>::met;
template <class F, class... B>
using unbound_variables_of_t = typename variables_required_t<F, B...>::missing_binding;

/// Evaluates several expressions at once, each distinct subterm once; a std::tuple of results.
template <class... B, expression... E>
std::tuple<eval_result_t<E, eval_detail::number_of_t<B...>>...> eval_all(const bindings<B...>& bs, E...) {
  detail::check_variables<E...>();
  using P = eval_detail::plan<E...>;
  using R = eval_detail::number_of_t<B...>;
  if constexpr (!eval_detail::can_evaluate_v<P, B...>) {
    (void)eval_detail::missing_binding_t<P, B...>{}, (void)eval_detail::undetermined_dimension_t<P, B...>{};
    return {};
  } else {
    eval_detail::workspace<P, R> ws;
    eval_detail::run_plan(ws, bs);  // throws dimension_error before any arithmetic
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      // Braces: left to right, so a repeated root is copied before its last use moves it.
      // Moved out only by the last root of its form: two roots may differ and share a form.
      using eval_detail::last_occurrence;
      return std::tuple<eval_result_t<E, R>...>{
          ws.template take<E, last_occurrence<typename P::template root_t<E>, I, typename P::template root_t<E>...>()>()...};
    }(std::index_sequence_for<E...>{});
  }
}

/// Evaluates an expression; throws dimension_error if bound sizes contradict each other.
template <expression E, class... B>
eval_result_t<E, eval_detail::number_of_t<B...>> eval(E e, const bindings<B...>& bs) {
  using P = eval_detail::plan<E>;
  if constexpr (!eval_detail::can_evaluate_v<P, B...>) {
    (void)eval_detail::missing_binding_t<P, B...>{}, (void)eval_detail::undetermined_dimension_t<P, B...>{};
    return {};
  } else return std::get<0>(eval_all(bs, e));
}

}  // namespace symgrad
