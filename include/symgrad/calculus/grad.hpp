#pragma once
// Reverse mode at compile time: the adjoint of each node is simplified as it is formed, so
// cancellations such as (1 - a)^-1 (1 - a) happen where the two factors meet.
#include <type_traits>
#include <utility>

#include "../simplify/normalize.hpp"
#include "rules.hpp"

namespace symgrad::calculus {

template <class E, class X>
inline constexpr bool contains_v = std::is_same_v<E, X>;
template <class Op, class... A, class X>
inline constexpr bool contains_v<node<Op, A...>, X> = std::is_same_v<node<Op, A...>, X> || (contains_v<A, X> || ...);

// An adjoint in the simplifier's factored form, as an expression of the operand's shape.
template <class S, class E>
constexpr auto settle(E) {
  return cas::with_shape<S>(cas::monomial_expr(cas::norm(E{})));
}

template <class X, class E, class G>
constexpr auto backprop(E, G);

template <class X, class Node, class G, class... A, std::size_t... I>
constexpr auto backprop_operands(Node, G, std::tuple<A...>, std::index_sequence<I...>) {
  return cas::sum_terms(cas::join(std::conditional_t<
      contains_v<A, X>,
      cas::list<decltype(backprop<X>(A{}, settle<shape_of_t<A>>(adjoint<I>(Node{}, G{}))))>,
      cas::list<>>{}...));
}

template <class X, class Op, class... A, class G>
constexpr auto backprop_node(node<Op, A...>, G) {
  return backprop_operands<X>(node<Op, A...>{}, G{}, std::tuple<A...>{}, std::index_sequence_for<A...>{});
}

// Contribution of the expression E, whose adjoint is G, to the adjoint of X (a term).
template <class X, class E, class G>
constexpr auto backprop(E, G) {
  if constexpr (std::is_same_v<E, X>) return cas::norm(G{});
  else if constexpr (!contains_v<E, X>) return cas::zero_term{};
  else return backprop_node<X>(E{}, G{});
}

}  // namespace symgrad::calculus

namespace symgrad {

// The gradient of a scalar expression with respect to a variable, simplified; a variable
// that does not occur gets zeros of its shape.
template <expression F, class X>
constexpr auto grad(F, X) {
  if constexpr (!is_var_v<X>) { (void)diagnostic::grad_wrt_non_variable<X>{}; return invalid_expr{}; }
  else if constexpr (!is_scalar_v<F>) { (void)diagnostic::grad_of_non_scalar<F, shape_of_t<F>>{}; return invalid_expr{}; }
  else {
    using adjoint = decltype(calculus::backprop<X>(F{}, constant<rat{1, 1}>{}));
    return cas::with_shape<shape_of_t<X>>(cas::pretty(cas::expand(adjoint{})));
  }
}

}  // namespace symgrad
