#pragma once
// The derivation form: what grad, jacobian and hessian build and what evaluation runs.
// The reverse sweep's adjoints stay shared subterms, as in backprop: a matrix product or a
// sum over an adjoint keeps the adjoint whole (X^T (a - y), never X^T a - X^T y), and two
// contributions to one adjoint are multiplied out only when that is no larger. Products
// still merge factors, so a rule's factor cancels against the incoming adjoint (the
// sigmoid's a (1 - a) against the cross-entropy's 1 / (a (1 - a))). Forward subterms are
// normalised as always, so they meet the forward pass's own terms. The complete normal form
// (canonical_t, same_form) is computed from the result, never from this one.
#include "normalize.hpp"

namespace symgrad::cas {

// Whether an expression holds an adjoint: only those parts are normalised here.
template <class E> inline constexpr bool has_held_v = false;
template <class T, class S> inline constexpr bool has_held_v<held<T, S>> = true;
template <class Op, class... A> inline constexpr bool has_held_v<node<Op, A...>> = (has_held_v<A> || ...);

template <class E> constexpr auto dnorm(E);

// ---- size, for the rule "multiplied out only when no larger" --------------------------------
// The number of atom occurrences: a proxy for the elementwise work a form costs.

template <class F> constexpr std::size_t atom_count(F) { return 1; }
template <class... M, rat E>
constexpr std::size_t atom_count(fac<poly<M...>, E>) {
  const std::size_t inner = (atom_count(M{}) + ... + 0);
  return is_integer(E) && E.num > 0 ? inner * static_cast<std::size_t>(E.num) : inner;
}
template <rat C, class... F>
constexpr std::size_t atom_count(term<C, F...>) { return (atom_count(F{}) + ... + 0); }
template <class... M>
constexpr std::size_t atom_count(list<M...>) { return (atom_count(M{}) + ... + 0); }

// Multiplying out a sum of many products is itself a compile-time cost: above this many
// monomials the sides stay as they are without trying.
inline constexpr std::size_t derivation_expansion_limit = 16;

// The monomials of a + b: multiplied out when that has no more atoms than the two sides, else
// the two sides as they are.
struct no_larger_sides {
  template <class A, class B>
  static constexpr auto monomials(A, B) {
    if constexpr (expansion_size(A{}) + expansion_size(B{}) > derivation_expansion_limit) return insert_all(list<A>{}, list<B>{});
    else {
      using S = decltype(insert_all(expand_term(A{}), expand_term(B{})));
      if constexpr (atom_count(S{}) <= atom_count(A{}) + atom_count(B{})) return S{};
      else return insert_all(list<A>{}, list<B>{});
    }
  }
};

template <class A, class B>
constexpr auto dadd(A, B) { return add_over_common<no_larger_sides>(A{}, B{}); }

// A matrix product of two terms, each kept whole: its sums become operands of the chain.
template <class S1, class S2, class A, class B>
constexpr auto dmatmul(A, B) {
  if constexpr (is_zero_v<A> || is_zero_v<B>) return zero_term{};
  else return matmul_monomials<S1, S2, true>(A{}, B{});
}

// The derivation form: sums added only when no larger, a sum over an adjoint and a matrix
// product with one kept whole.
struct derivation_form {
  template <class E>
  static constexpr auto norm(E) { return dnorm(E{}); }
  template <class A, class B>
  static constexpr auto add(A, B) { return dadd(A{}, B{}); }
  template <class S, class T>
  static constexpr auto sum(T) { return reduce_whole<S>(T{}); }
  template <class S1, class S2, class A, class B>
  static constexpr auto matmul(A, B) { return dmatmul<S1, S2>(A{}, B{}); }
};

// The transpose of a forward function of a matrix stays the transpose of that term, so
// evaluation reads the forward pass's matrix transposed (H^T D) instead of computing the
// function of the transposed argument anew.
template <class T> struct matrix_function_atom { static constexpr bool value = false; };
template <class F, class A>
struct matrix_function_atom<term<one_r, fac<node<F, A>, one_r>>> {
  static constexpr bool value = op::is_function_v<F> && !std::is_same_v<typename shape_of_t<A>::rows, unit_dim> &&
                                !std::is_same_v<typename shape_of_t<A>::cols, unit_dim>;
  using type = node<F, A>;
};

template <class E>
constexpr auto dnorm_forward(E) { return norm(E{}); }
template <class A>
constexpr auto dnorm_forward(node<op::transpose, A>) {
  using T = decltype(norm(A{}));
  if constexpr (matrix_function_atom<T>::value)
    return term<one_r, fac<node<op::transpose, typename matrix_function_atom<T>::type>, one_r>>{};
  else return norm(node<op::transpose, A>{});
}

template <class E>
constexpr auto dnorm(E) {
  if constexpr (!has_held_v<E>) return dnorm_forward(E{});
  else if constexpr (is_node_v<E>) return node_term<derivation_form>(E{});
  else return norm_leaf(E{});
}

// ---- back to an expression ----------------------------------------------------------------

// The derivation form as an expression. A sum at the top is multiplied out and written as
// a person would (pretty) when that is no larger: -3 a^2 - 0.5 a^-0.5 rather than
// -0.5 (1 + 6 a^2.5) / a^0.5; products and sums over adjoints are never opened here.
template <class T>
constexpr auto derivation_expr(T) {
  if constexpr (expansion_size(T{}) > derivation_expansion_limit) return monomial_expr(T{});
  else if constexpr (atom_count(expand_term(T{})) <= atom_count(T{})) return pretty(expand_term(T{}));
  else return monomial_expr(T{});
}

}  // namespace symgrad::cas

// ---- the face calculus/ uses ------------------------------------------------------------------
// An adjoint is an opaque type made and combined only through these; the rest of simplify/ is
// internal to it.
namespace symgrad::derivation {

/// No contribution yet.
using zero = cas::zero_term;
/// The seed of a gradient: d f / d f = 1.
using one = cas::one_term;
/// The seed of a Jacobian of a column f with D rows: the identity, one adjoint column per output.
template <class D>
using identity = cas::term<cas::one_r, cas::fac<eye<D>, cas::one_r>>;
/// An adjoint T of shape S used as an operand of a rule's expression.
template <class T, class S>
using operand = cas::held<T, S>;

/// A rule's expression, in which the incoming adjoint is an operand, as an adjoint.
template <class E>
constexpr auto apply(E) { return cas::dnorm(E{}); }
/// Two contributions to one adjoint.
template <class A, class B>
constexpr auto combine(A, B) { return cas::dadd(A{}, B{}); }

/// The finished adjoint as the expression grad returns, of shape S.
template <class S, class T>
constexpr auto expression(T) { return cas::with_shape<S>(cas::derivation_expr(T{})); }
/// The transpose of a finished batch of adjoints (a Jacobian), written out: diag(p) - p p^T.
template <class S, class T>
constexpr auto transposed_expression(T) { return cas::with_shape<S>(cas::pretty(cas::expand(cas::transpose(T{})))); }

}  // namespace symgrad::derivation
