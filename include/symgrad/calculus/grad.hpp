#pragma once
// Reverse mode at compile time, over the expression as a DAG: a subterm used several times
// (the same type) gets one adjoint, the sum of what its users send it, and passes it on
// once. Each adjoint is simplified as it is formed and kept in factored form, so
// cancellations such as (1 - a)^-1 (1 - a) happen where the two factors meet.
#include <tuple>
#include <type_traits>
#include <utility>

#include "../simplify/derive.hpp"
#include "diagnostics.hpp"
#include "rules.hpp"

namespace symgrad::calculus {

// X: the variable to differentiate with respect to, or a list of them (value_and_grad's, one
// sweep for all: the adjoints above a network's first layer are shared by all its parameters).
// A term's adjoint does not depend on which: every user of a term that depends on X depends on
// X, and the sweep meets them in the same order.
template <class E, class X>
inline constexpr bool is_target_v = std::is_same_v<E, X>;
template <class E, class... X>
inline constexpr bool is_target_v<E, detail::type_list<X...>> = (std::is_same_v<E, X> || ...);

template <class E, class X>
inline constexpr bool depends_on_v = is_target_v<E, X>;
template <class Op, class... A, class X>
inline constexpr bool depends_on_v<node<Op, A...>, X> = std::is_same_v<node<Op, A...>, X> || (depends_on_v<A, X> || ...);
template <class Op, class... A, class... X>
inline constexpr bool depends_on_v<node<Op, A...>, detail::type_list<X...>> = (depends_on_v<A, detail::type_list<X...>> || ...);

// ---- the subterms that depend on X, users after their operands --------------------------------

template <class X, class L, class E>
constexpr auto dependents(L, E);

template <class X, class L>
constexpr auto dependents_of_all(L l) { return l; }
template <class X, class L, class A, class... Rest>
constexpr auto dependents_of_all(L, A, Rest... rest) { return dependents_of_all<X>(dependents<X>(L{}, A{}), rest...); }

template <class X, class L, class Op, class... A>
constexpr auto dependents_of_node(L, node<Op, A...>) { return detail::join(dependents_of_all<X>(L{}, A{}...), detail::type_list<node<Op, A...>>{}); }

template <class X, class L, class E>
constexpr auto dependents(L, E) {
  if constexpr (!depends_on_v<E, X> || detail::in_list_v<E, L>) return L{};
  else if constexpr (is_target_v<E, X>) return detail::join(L{}, detail::type_list<E>{});
  else return dependents_of_node<X>(L{}, E{});
}

// ---- adjoints, accumulated per subterm ----------------------------------------------------------

template <class E, class T> struct adjoint_of {};

template <class E>
constexpr auto lookup(detail::type_list<>) { return derivation::zero{}; }
template <class E, class N, class T, class... Rest>
constexpr auto lookup(detail::type_list<adjoint_of<N, T>, Rest...>) {
  if constexpr (std::is_same_v<E, N>) return T{};
  else return lookup<E>(detail::type_list<Rest...>{});
}

template <class E, class T>
constexpr auto accumulate(detail::type_list<>) { return detail::type_list<adjoint_of<E, T>>{}; }
template <class E, class T, class N, class U, class... Rest>
constexpr auto accumulate(detail::type_list<adjoint_of<N, U>, Rest...>) {
  if constexpr (std::is_same_v<E, N>) return detail::type_list<adjoint_of<N, decltype(derivation::combine(U{}, T{}))>, Rest...>{};
  else return detail::cons<adjoint_of<N, U>>(accumulate<E, T>(detail::type_list<Rest...>{}));
}

template <class X, class Node, class G, class State>
constexpr auto send(State s, std::tuple<>, std::index_sequence<>) { return s; }
template <class X, class Node, class G, class State, class A, class... Rest, std::size_t I, std::size_t... Is>
constexpr auto send(State, std::tuple<A, Rest...>, std::index_sequence<I, Is...>) {
  if constexpr (depends_on_v<A, X>) {
    using T = decltype(derivation::apply(adjoint<I>(Node{}, G{})));
    return send<X, Node, G>(accumulate<A, T>(State{}), std::tuple<Rest...>{}, std::index_sequence<Is...>{});
  } else return send<X, Node, G>(State{}, std::tuple<Rest...>{}, std::index_sequence<Is...>{});
}

// The shape of a term's adjoint: the term's own shape for a gradient. For a Jacobian
// (Batch: the dimension of the output) each column-vector or scalar term has one adjoint
// per output, side by side: rows x Batch.
template <class Batch, class E>
struct adjoint_shape { using type = shape_of_t<E>; };
template <fixed_string N, class E>
struct adjoint_shape<dim_t<N>, E> { using type = shape<typename shape_of_t<E>::rows, dim_t<N>>; };

template <class X, class Batch, class State, class Op, class... A>
constexpr auto propagate(State, node<Op, A...>) {
  using G = derivation::operand<decltype(lookup<node<Op, A...>>(State{})), typename adjoint_shape<Batch, node<Op, A...>>::type>;
  return send<X, node<Op, A...>, G>(State{}, std::tuple<A...>{}, std::index_sequence_for<A...>{});
}

// Users come before their operands here, so an adjoint is complete before it is passed on.
template <class X, class Batch, class State>
constexpr auto sweep(State s, detail::type_list<>) { return s; }
template <class X, class Batch, class State, class E, class... Rest>
constexpr auto sweep(State, detail::type_list<E, Rest...>) {
  if constexpr (is_target_v<E, X>) return sweep<X, Batch>(State{}, detail::type_list<Rest...>{});
  else return sweep<X, Batch>(propagate<X, Batch>(State{}, E{}), detail::type_list<Rest...>{});
}

template <class X, class F>
using dependent_terms_t = decltype(detail::reverse(dependents<X>(detail::type_list<>{}, F{})));

// The adjoint of X (a canonical term) when F's adjoint is Seed: 1 for a gradient, the
// identity for a Jacobian.
template <class X, class F, class Batch = void, class Seed = derivation::one>
constexpr auto backprop(F) {
  return lookup<X>(sweep<X, Batch>(detail::type_list<adjoint_of<F, Seed>>{}, dependent_terms_t<X, F>{}));
}

}  // namespace symgrad::calculus

namespace symgrad::calculus {

// Computed in an unevaluated operand: the derivation is types only, and none of the functions
// that build it is ever emitted as code.
template <class X, class F>
consteval auto derived(F) {
  return decltype(derivation::expression<shape_of_t<X>>(backprop<X>(F{})))();
}
// The gradients with respect to each of X..., from one sweep: the same expressions as
// derived<X>(F{}) for each, at the cost of the longest.
template <class... X, class F>
consteval auto derived_all(F) {
  using targets = detail::type_list<X...>;
  using adjoints = decltype(sweep<targets, void>(detail::type_list<adjoint_of<F, derivation::one>>{}, dependent_terms_t<targets, F>{}));
  return std::tuple<decltype(derivation::expression<shape_of_t<X>>(lookup<X>(adjoints{})))...>();
}

}  // namespace symgrad::calculus

namespace symgrad {

/// The gradient of a scalar expression with respect to a variable, simplified, as an
/// expression of the variable's shape; a variable that does not occur gets zeros.
template <expression F, class X>
constexpr auto grad(F, X) {
  // The checks are outside any consteval function: a failed diagnostic there would also make
  // the call fail to be a constant expression, one mistake reported as three errors.
  detail::check_variables<F>();
  if constexpr (!is_var_v<X>) { (void)diagnostic::grad_wrt_non_variable<X>{}; return invalid_expr{}; }
  else if constexpr (!is_scalar_v<F>) { (void)diagnostic::grad_of_non_scalar<F, diagnostic::shape_text_t<shape_of_t<F>>>{}; return invalid_expr{}; }
  else return calculus::derived<X>(F{});
}

}  // namespace symgrad

namespace symgrad::calculus {

// grad(f, x) for each of X..., as a tuple, from one reverse sweep as backprop's
// (value_and_grad): each the same expression as grad(f, x). A misuse is reported by grad.
template <expression F, class... X>
constexpr auto gradients(F, X...) {
  if constexpr (!(is_var_v<X> && ...) || !is_scalar_v<F>) return std::tuple(grad(F{}, X{})...);
  else {
    detail::check_variables<F>();
    return derived_all<X...>(F{});
  }
}

}  // namespace symgrad::calculus
