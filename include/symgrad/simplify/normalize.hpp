#pragma once
// Expression -> canonical term, one overload per op, and the public entry points.
#include "../expr/variables.hpp"
#include "facts.hpp"

namespace symgrad::cas {

// ---- the rules of the nodes, one table for both forms ---------------------------------------
// A node's term from its operands'. The normal form (below) and the derivation form
// (derive.hpp) differ only in what a Form gives: how an operand is normalised (norm), how
// terms are added (add), how all entries of a term of shape S are summed (sum<S>) and how
// two terms are multiplied as matrices (matmul<S1, S2>).

template <class Form, class T>
constexpr auto add_all(T t) { return t; }
template <class Form, class T, class U, class... Rest>
constexpr auto add_all(T, U, Rest... rest) { return add_all<Form>(Form::add(T{}, U{}), rest...); }

// A chain is folded left to right; each step knows both operands' shapes.
template <class T, class S>
struct shaped {};
template <class Form, class T, class S>
constexpr auto chain_fold(shaped<T, S> acc) { return acc; }
template <class Form, class T, class S, class A, class... Rest>
constexpr auto chain_fold(shaped<T, S>, A, Rest... rest) {
  using product = decltype(Form::template matmul<S, shape_of_t<A>>(T{}, Form::norm(A{})));
  return chain_fold<Form>(shaped<product, matmul_shape_t<S, shape_of_t<A>>>{}, rest...);
}
template <class T, class S>
constexpr T term_of(shaped<T, S>) { return {}; }

template <class Form, class... A>
constexpr auto node_term(node<op::add, A...>) { return add_all<Form>(Form::norm(A{})...); }
template <class Form, class A, class B>
constexpr auto node_term(node<op::sub, A, B>) { return Form::add(Form::norm(A{}), mul(term<rat{-1, 1}>{}, Form::norm(B{}))); }
template <class Form, class... A>
constexpr auto node_term(node<op::mul, A...>) { return fold_mul(Form::norm(A{})...); }
template <class Form, class A, class B>
constexpr auto node_term(node<op::div, A, B>) { return mul(Form::norm(A{}), power<rat{-1, 1}>(Form::norm(B{}))); }
template <class Form, class A>
constexpr auto node_term(node<op::neg, A>) { return mul(term<rat{-1, 1}>{}, Form::norm(A{})); }
template <class Form, class A, rat R>
constexpr auto node_term(node<op::pow, A, constant<R>>) { return power<R>(Form::norm(A{})); }
template <class Form, class A>
constexpr auto node_term(node<op::transpose, A>) { return transpose(Form::norm(A{})); }
template <class Form, class A>
constexpr auto node_term(node<op::sum, A>) { return Form::template sum<shape_of_t<A>>(Form::norm(A{})); }
template <class Form, class A>
constexpr auto node_term(node<op::mean, A>) {
  return mul(Form::template sum<shape_of_t<A>>(Form::norm(A{})), power<rat{-1, 1}>(size_term<shape_of_t<A>>()));
}
template <class Form, class A, class... Rest>
constexpr auto node_term(node<op::matmul, A, Rest...>) {
  return term_of(chain_fold<Form>(shaped<decltype(Form::norm(A{})), shape_of_t<A>>{}, Rest{}...));
}

// The normal form: sums expanded, whole sums opened (sum(a + b) = sum(a) + sum(b)).
struct normal_form {
  template <class E>
  static constexpr auto norm(E) { return cas::norm(E{}); }
  template <class A, class B>
  static constexpr auto add(A, B) { return cas::add(A{}, B{}); }
  template <class S, class T>
  static constexpr auto sum(T) { return reduce_sum<S>(T{}); }
  template <class S1, class S2, class A, class B>
  static constexpr auto matmul(A, B) { return cas::matmul<S1, S2>(A{}, B{}); }
};

template <class Op, class... A>
constexpr auto norm_node(node<Op, A...>) { return node_term<normal_form>(node<Op, A...>{}); }
template <class F, class A>
  requires op::is_function_v<F>
constexpr auto norm_node(node<F, A>) { return apply_fn<F>(norm(A{})); }
template <class F, class A, class B>
  requires op::is_function_v<F>
constexpr auto norm_node(node<F, A, B>) { return apply_fn<F>(norm(A{}), norm(B{})); }
// The argument keeps its shape: the class axis it reduces over must not collapse with it
// (logsumexp(u - u) is log n, not logsumexp(0) = 0).
template <class A>
constexpr auto norm_node(node<op::logsumexp, A>) {
  return term<one_r, fac<node<op::logsumexp, decltype(with_shape<shape_of_t<A>>(pretty_expr(norm(A{}))))>, one_r>>{};
}

template <class T, class S>
constexpr auto norm_leaf(held<T, S>) { return T{}; }
template <class D>
constexpr auto norm_leaf(size_of<D>) { return term<one_r, fac<size_of<D>, one_r>>{}; }
constexpr auto norm_leaf(pi_constant) { return term<one_r, fac<pi_constant, one_r>>{}; }
template <class S>
constexpr auto norm_leaf(ones<S>) { return one_term{}; }
template <class S>
constexpr auto norm_leaf(zeros<S>) { return zero_term{}; }
template <class D>
constexpr auto norm_leaf(eye<D>) { return term<one_r, fac<eye<D>, one_r>>{}; }
template <class Op, class... A>
constexpr auto norm_leaf(node<Op, A...>) { return norm_node(node<Op, A...>{}); }

// The form to evaluate: the expression as written, except that every function application
// is replaced by its simplified form. That is where the simplifier's facts make a value
// stable (log(sigmoid(z)) -> -softplus(-z), log(softmax(z)) -> z - logsumexp(z)), while
// sums and means keep their structure, so no cancellation is introduced by expanding them.
// The value's form only, not the normal form (whose derivatives and proofs keep the log as
// written): log(1 + r) is evaluated as log1p(r), which keeps r's digits where 1 + r would round
// them away (and log1p(exp(u)) is softplus(u), a fact of log1p: no overflow for large u).
template <class T>
struct one_plus {
  static constexpr bool value = false;
};
template <class... R>
  requires(sizeof...(R) > 0)
struct one_plus<term<one_r, fac<poly<one_term, R...>, one_r>>> {
  static constexpr bool value = true;
};

template <class E>
constexpr auto stable_expr(E);
template <class Op, class... A>
constexpr auto stable_node(node<Op, A...>) {
  if constexpr (std::is_same_v<Op, op::log>) {
    using t = decltype(norm(A{}...));
    if constexpr (one_plus<t>::value && !log_of_sigmoid<t>::known)
      return pretty_expr(apply_fn<op::log1p>(add(t{}, term<rat{-1, 1}>{})));
    else return pretty_expr(norm(node<Op, A...>{}));
  } else if constexpr (op::is_function_v<Op>) return pretty_expr(norm(node<Op, A...>{}));
  else return node<Op, decltype(stable_expr(A{}))...>{};
}
template <class E>
constexpr auto stable_expr(E) {
  if constexpr (is_node_v<E>) return stable_node(E{});
  else return E{};
}

template <class E>
constexpr auto norm(E) {
  if constexpr (is_var_v<E>) return term<one_r, fac<E, one_r>>{};
  else if constexpr (is_constant_v<E>) return make_term<E::value>(list<>{});
  else if constexpr (std::is_same_v<E, invalid_expr>) return zero_term{};
  else return norm_leaf(E{});
}
// The entry points' results, computed in unevaluated operands: types only, no code emitted.
template <class E>
consteval auto simplified() {
  return decltype(with_shape<shape_of_t<E>>(pretty(expand(norm(E{})))))();
}
template <class E>
consteval auto stabilized() {
  return decltype(stable_expr(E{}))();
}

}  // namespace symgrad::cas

namespace symgrad {

/// The canonical form of an expression: its expanded monomials, sorted. Two expressions
/// with the same canonical form are the same function wherever both are defined.
template <class E>
using canonical_t = decltype(cas::expand(cas::norm(E{})));

/// The expression in canonical form, written the way a person writes it.
template <expression E>
constexpr auto simplify(E) {
  detail::check_variables<E>();
  return cas::simplified<E>();
}

template <class E>
using simplified_t = decltype(simplify(E{}));

/// E with each function application simplified: what value_and_grad evaluates for the
/// value (log(sigmoid(z)) as -softplus(-z), log(softmax(z)) as z - logsumexp(z)).
template <expression E>
constexpr auto stable(E) {
  detail::check_variables<E>();
  return cas::stabilized<E>();
}

/// Whether two expressions have the same shape and canonical form: usable in static_assert.
template <expression A, expression B>
constexpr bool same_form(A, B) {
  detail::check_variables<A, B>();
  return std::is_same_v<shape_of_t<A>, shape_of_t<B>> && std::is_same_v<canonical_t<A>, canonical_t<B>>;
}

}  // namespace symgrad
