#pragma once
// Linear structure: matrix products distribute over sums and pull scalar factors out;
// transposes sink to the leaves; sum() distributes and pulls scalar factors out.
#include "algebra.hpp"

namespace symgrad::cas {

template <class F>
inline constexpr bool scalar_factor_v = is_scalar_shape_v<shape_of_t<F>>;

template <rat C, class... F>
constexpr auto scalar_part(term<C, F...>) {
  return make_term<C>(join(std::conditional_t<scalar_factor_v<F>, list<F>, list<>>{}...));
}
template <rat C, class... F>
constexpr auto tensor_part(term<C, F...>) {
  return join(std::conditional_t<scalar_factor_v<F>, list<>, list<F>>{}...);
}

template <class S>
constexpr auto dim_term() {
  if constexpr (is_named_dim_v<S>) return term<one_r, fac<size_of<S>, one_r>>{};
  else return one_term{};
}

// Number of entries of a shape, as a product of size_of atoms.
template <class S>
constexpr auto size_term() { return mul(dim_term<typename S::rows>(), dim_term<typename S::cols>()); }

// The operands of a product chain: a broadcast scalar becomes ones of the operand's shape,
// a nested chain is spliced in (associativity), anything else is one operand.
template <class S, class... F>
constexpr auto chain_of(list<F...>) {
  if constexpr (sizeof...(F) == 0) return list<ones<S>>{};
  else return list<decltype(monomial_expr(term<one_r, F...>{}))>{};
}
template <class S, class... C>
constexpr auto chain_of(list<fac<node<op::matmul, C...>, one_r>>) { return list<C...>{}; }

template <class... C>
constexpr auto chain_node(list<C...>) { return node<op::matmul, C...>{}; }

template <class S1, class S2, class M1, class M2>
constexpr auto matmul_monomials(M1, M2) {
  using atom = decltype(chain_node(join(chain_of<S1>(tensor_part(M1{})), chain_of<S2>(tensor_part(M2{})))));
  return mul(mul(scalar_part(M1{}), scalar_part(M2{})), term<one_r, fac<atom, one_r>>{});
}

template <class S1, class S2, class A, class... B>
constexpr auto matmul_row(A, list<B...>) { return list<decltype(matmul_monomials<S1, S2>(A{}, B{}))...>{}; }

template <class S1, class S2, class LB, class... A>
constexpr auto matmul_rows(list<A...>, LB) { return join(matmul_row<S1, S2>(A{}, LB{})...); }

template <class S1, class S2, class A, class B>
constexpr auto matmul(A, B) {
  if constexpr (is_zero_v<A> || is_zero_v<B>) return zero_term{};
  else return sum_terms(matmul_rows<S1, S2>(expand(A{}), expand(B{})));
}

constexpr auto reverse(list<>) { return list<>{}; }
template <class C, class... Rest>
constexpr auto reverse(list<C, Rest...>) { return join(reverse(list<Rest...>{}), list<C>{}); }

template <class... C>
constexpr auto transposed_chain(list<C...>) { return node<op::matmul, node<op::transpose, C>...>{}; }

template <class... M>
constexpr auto transpose_node(poly<M...>) { return fold_add(transpose(M{})...); }
template <class X>
constexpr auto transpose_node(node<op::transpose, X>) { return norm(X{}); }
template <class... C>
constexpr auto transpose_node(node<op::matmul, C...>) { return norm(transposed_chain(reverse(list<C...>{}))); }
template <class X, rat R>
constexpr auto transpose_node(node<op::pow, X, constant<R>>) { return power<R>(transpose(norm(X{}))); }
// Elementwise functions commute with transposition.
template <class F, class X>
  requires op::is_function_v<F>
constexpr auto transpose_node(node<F, X>) { return apply_fn<F>(transpose(norm(X{}))); }

template <class B>
constexpr auto transpose_base(B) {
  if constexpr (is_scalar_shape_v<shape_of_t<B>>) return term<one_r, fac<B, one_r>>{};
  else if constexpr (is_var_v<B>) return term<one_r, fac<node<op::transpose, B>, one_r>>{};
  else return transpose_node(B{});
}
template <class B, rat E>
constexpr auto transpose_fac(fac<B, E>) { return power<E>(transpose_base(B{})); }

template <rat C, class... F>
constexpr auto transpose_term(term<C, F...>) { return fold_mul(make_term<C>(list<>{}), transpose_fac(F{})...); }

template <class T>
constexpr auto transpose(T) { return transpose_term(T{}); }

template <class S, class... F>
constexpr auto sum_atom(list<F...>) {
  if constexpr (sizeof...(F) == 0) return size_term<S>();
  else return term<one_r, fac<node<op::sum, decltype(monomial_expr(term<one_r, F...>{}))>, one_r>>{};
}
// sum(x^T) = sum(x)
template <class S, fixed_string N, class VS, class P>
constexpr auto sum_atom(list<fac<node<op::transpose, var<N, VS, P>>, one_r>>) {
  return term<one_r, fac<node<op::sum, var<N, VS, P>>, one_r>>{};
}

template <class S, class... M>
constexpr auto reduce_monomials(list<M...>) {
  return sum_terms(list<decltype(mul(scalar_part(M{}), sum_atom<S>(tensor_part(M{}))))...>{});
}

template <class S, class T>
constexpr auto reduce_sum(T) { return reduce_monomials<S>(expand(T{})); }

}  // namespace symgrad::cas
