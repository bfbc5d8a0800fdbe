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

// ---- adjoints, each formed once from its users' -------------------------------------------------

// The shape of a term's adjoint: the term's own shape for a gradient. For a Jacobian
// (Batch: the dimension of the output) each column-vector or scalar term has one adjoint
// per output, side by side: rows x Batch.
template <class Batch, class E>
struct adjoint_shape { using type = shape_of_t<E>; };
template <fixed_string N, class E>
struct adjoint_shape<dim_t<N>, E> { using type = shape<typename shape_of_t<E>::rows, dim_t<N>>; };

// One sweep from F (whose adjoint is Seed) over Terms, users before their operands.
template <class Batch, class F, class Seed, class Terms>
struct sweep_of {};

// A term's adjoint is the sum of what its users send it, in the order of Terms and, within
// one user, of its operands: the order fixes the type. Each adjoint is one class template
// instantiation, formed once and found by the compiler; a sweep that carried the adjoints in
// a list rebuilt and searched that list at every step, quadratic in the network's depth.
template <class Sw, class E>
struct adjoint_in;

struct no_contribution {};

template <class Acc, class C>
constexpr auto plus(Acc, C) {
  if constexpr (std::is_same_v<Acc, no_contribution>) return C{};
  else return derivation::combine(Acc{}, C{});
}

template <class Sw, class U, std::size_t I>
struct contribution;
template <class Batch, class F, class Seed, class Terms, class Op, class... A, std::size_t I>
struct contribution<sweep_of<Batch, F, Seed, Terms>, node<Op, A...>, I> {
  using U = node<Op, A...>;
  using G = derivation::operand<typename adjoint_in<sweep_of<Batch, F, Seed, Terms>, U>::type, typename adjoint_shape<Batch, U>::type>;
  using type = decltype(derivation::apply(calculus::adjoint<I>(U{}, G{})));
};

template <class Sw, class E, class U, class Acc>
constexpr auto add_sends(Acc, U, std::index_sequence<>) { return Acc{}; }
template <class Sw, class E, class Op, class... A, class Acc, std::size_t I, std::size_t... Is>
constexpr auto add_sends(Acc, node<Op, A...> u, std::index_sequence<I, Is...>) {
  if constexpr (std::is_same_v<nth_t<I, A...>, E>)
    return calculus::add_sends<Sw, E>(calculus::plus(Acc{}, typename contribution<Sw, node<Op, A...>, I>::type{}), u,
                                      std::index_sequence<Is...>{});
  else return calculus::add_sends<Sw, E>(Acc{}, u, std::index_sequence<Is...>{});
}

template <class E, class U>
inline constexpr bool uses_v = false;
template <class E, class Op, class... A>
inline constexpr bool uses_v<E, node<Op, A...>> = (std::is_same_v<E, A> || ...);

// The users of E among Terms, then the left fold over them: class templates, as a fold of
// calls would look up the namespaces of the whole sweep's types (ADL) at every term.
template <class E, class... T>
using users_t = typename detail::joined<std::conditional_t<uses_v<E, T>, detail::type_list<T>, detail::type_list<>>...>::type;

template <class Sw, class E, class Acc, class Users>
struct fold_users { using type = Acc; };
template <class Sw, class E, class Acc, class Op, class... A, class... Rest>
struct fold_users<Sw, E, Acc, detail::type_list<node<Op, A...>, Rest...>>
    : fold_users<Sw, E, decltype(calculus::add_sends<Sw, E>(Acc{}, node<Op, A...>{}, std::index_sequence_for<A...>{})),
                 detail::type_list<Rest...>> {};

template <class Acc>
struct folded { using type = Acc; };
template <>
struct folded<no_contribution> { using type = derivation::zero; };

template <class Batch, class F, class Seed, class... T, class E>
struct adjoint_in<sweep_of<Batch, F, Seed, detail::type_list<T...>>, E> {
  using Sw = sweep_of<Batch, F, Seed, detail::type_list<T...>>;
  using type = typename std::conditional_t<std::is_same_v<E, F>, std::type_identity<Seed>,
                                           folded<typename fold_users<Sw, E, no_contribution, users_t<E, T...>>::type>>::type;
};

template <class X, class F>
using dependent_terms_t = decltype(detail::reverse(dependents<X>(detail::type_list<>{}, F{})));

// The adjoint of X (a canonical term) when F's adjoint is Seed: 1 for a gradient, the
// identity for a Jacobian.
template <class X, class F, class Batch = void, class Seed = derivation::one>
constexpr auto backprop(F) {
  return typename adjoint_in<sweep_of<Batch, F, Seed, dependent_terms_t<X, F>>, X>::type{};
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
// derived<X>(F{}) for each, at the cost of the longest. A type_list, not a std::tuple: the
// compiler prints a tuple's (very long) argument types each time one of its constrained
// constructors is ruled out, and that cost grows with the square of a network's depth.
template <class... X, class F>
consteval auto derived_all(F) {
  using targets = detail::type_list<X...>;
  using Sw = sweep_of<void, F, derivation::one, dependent_terms_t<targets, F>>;
  return detail::type_list<decltype(derivation::expression<shape_of_t<X>>(typename adjoint_in<Sw, X>::type{}))...>();
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

// grad(f, x) for each of X..., as a type_list, from one reverse sweep as backprop's
// (value_and_grad): each the same expression as grad(f, x). A misuse is reported by grad.
template <expression F, class... X>
constexpr auto gradients(F, X...) {
  if constexpr (!(is_var_v<X> && ...) || !is_scalar_v<F>) return detail::type_list<decltype(grad(F{}, X{}))...>{};
  else {
    detail::check_variables<F>();
    return derived_all<X...>(F{});
  }
}

}  // namespace symgrad::calculus
