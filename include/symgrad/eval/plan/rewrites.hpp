#pragma once
// The form an expression is evaluated in: the expression itself, rewritten by identities
// that leave every value unchanged bit for bit and share work between terms. Applied to
// the roots before planning (plan.hpp), so distinct_subterms_v counts what is computed.
//
// - A sum of negated terms is the negated sum: -a - b = -(a + b) exactly in IEEE
//   arithmetic (up to the sign of a zero sum), and a + b may be a term already (the stable binary cross-entropy has both
//   softplus(-X w - b) and softplus(X w + b)).
// - A difference a - b is a + (-b) where a root holds that sum, as the gradients write it:
//   the residual of mse(X w + b, y) is then one term for the loss and its gradient.
// - softplus(x) = max(x, 0) + log1p(exp(-|x|)) = relu(x) + softplus(-|x|), exactly as the
//   kernel computes it (softplus(-|x|) adds a zero to log1p(exp(-|x|))). The second term is
//   even in x, so where softplus(u) and softplus(-u) are both evaluated they share it: one
//   exp and one log1p per entry instead of two. Only then: alone, the split costs passes.
// - Where sigmoid(u) is evaluated too (a gradient beside its loss), e = exp(-|u|) is computed
//   once: softplus(-|u|) is log1p(e) and sigmoid(u) is sigmoid_e(u, e), as their kernels
//   compute them.
#include <type_traits>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../../expr/walk.hpp"
#include "../ops.hpp"

namespace symgrad::eval_detail {

// ---- negated sums ---------------------------------------------------------------------------

// A negated term: -a as the simplifier writes it (-1 .* a), or a negation node.
template <class E>
struct negated { static constexpr bool value = false; };
template <class A>
struct negated<node<op::neg, A>> {
  static constexpr bool value = true;
  using operand = A;
};
template <class A>
struct negated<node<op::mul, constant<rat{-1, 1}>, A>> : negated<node<op::neg, A>> {};

template <bool AllNegated, class... A>
struct negated_sum { using type = node<op::add, A...>; };
template <class... A>
struct negated_sum<true, A...> { using type = node<op::neg, node<op::add, typename negated<A>::operand...>>; };

template <bool Negated, class A, class B>
struct negated_difference { using type = node<op::sub, A, B>; };
template <class A, class B>
struct negated_difference<true, A, B> { using type = node<op::neg, node<op::add, typename negated<A>::operand, B>>; };

// -(a + b) from -a - b (or -a + -b).
struct unnegate {
  template <class X, class Y>
  struct apply { using type = Y; };
  template <class X, class... A>
  struct apply<X, node<op::add, A...>> : negated_sum<(negated<A>::value && ...), A...> {};
  template <class X, class A, class B>
  struct apply<X, node<op::sub, A, B>> : negated_difference<negated<A>::value, A, B> {};
};

// ---- softplus pairs, and sigmoids with them ---------------------------------------------------

// ---- differences as the gradients write them ---------------------------------------------------
// Where a root holds a + (-b) (a gradient's residual, X w + b - y), a - b elsewhere (the
// loss's) is written so, and both read one term. Only there: alone, -b would be a term of its
// own (a stored one, if another root reads it too).

// -b as the simplifier writes it: a constant's opposite, or -1 (or -k) as a product's
// coefficient. Exact: negation is.
template <class B>
struct opposite { using type = node<op::mul, constant<rat{-1, 1}>, B>; };
template <rat K>
struct opposite<constant<K>> { using type = constant<-K>; };
template <rat K, class... R>
struct opposite<node<op::mul, constant<K>, R...>> { using type = node<op::mul, constant<-K>, R...>; };
template <class R>
struct opposite<node<op::mul, constant<rat{-1, 1}>, R>> { using type = R; };

// a - b as the derivation form writes it, a + (-b), a's terms flattened. Exact: x - y is
// x + (-y) in IEEE arithmetic, and the terms are added in the same order.
template <class A, class B>
struct as_sum { using type = node<op::add, A, typename opposite<B>::type>; };
template <class... T, class B>
struct as_sum<node<op::add, T...>, B> { using type = node<op::add, T..., typename opposite<B>::type>; };

template <class X>
struct sum_node_of { using type = void; };
template <class... A>
struct sum_node_of<node<op::add, A...>> { using type = node<op::add, A...>; };

template <class Sums>
struct as_written {
  template <class X, class Y>
  struct apply { using type = Y; };
  template <class X, class A, class B>
  struct apply<X, node<op::sub, A, B>> {
    using sum = typename as_sum<A, B>::type;
    using type = std::conditional_t<detail::in_list_v<sum, Sums>, sum, node<op::sub, A, B>>;
  };
};

// The argument of an application of Fn.
template <class Fn>
struct argument_of {
  template <class X>
  struct pick { using type = void; };
  template <class A>
  struct pick<node<Fn, A>> { using type = A; };
};
template <class Fn, class E>
using args_of_t = detail::collect_t<argument_of<Fn>::template pick, detail::type_list<>, E>;

// u without its sign: the argument of the shared even term.
template <class A, bool = negated<A>::value>
struct magnitude_base { using type = A; };
template <class A>
struct magnitude_base<A, true> { using type = typename negated<A>::operand; };

// Whether Args holds the opposite of A.
template <class A, class Args, bool = negated<A>::value>
inline constexpr bool has_opposite_v =
    detail::in_list_v<node<op::neg, A>, Args> || detail::in_list_v<node<op::mul, constant<rat{-1, 1}>, A>, Args>;
template <class A, class Args>
inline constexpr bool has_opposite_v<A, Args, true> = detail::in_list_v<typename negated<A>::operand, Args>;

// Whether Args holds A or its opposite.
template <class A, class Args>
inline constexpr bool has_either_v = detail::in_list_v<A, Args> || has_opposite_v<A, Args>;

// Softplus and sigmoid arguments of the roots (Softplus, Sigmoid: lists).
template <class Softplus, class Sigmoid>
struct form_context {
  using softplus = Softplus;
  using sigmoid = Sigmoid;
};

// exp(-|u|), shared by softplus(±u) and sigmoid(±u).
template <class U>
using exp_minus_abs_t = node<op::exp, node<op::neg, node<op::abs, U>>>;

// C: the softplus and sigmoid arguments of the roots. A is an argument as the roots write it,
// Arg the same rewritten.
template <class C>
struct split_softplus {
  template <class X, class Y>
  struct apply { using type = Y; };
  template <class A, class Arg>
  struct apply<node<op::softplus, A>, node<op::softplus, Arg>> {
    using base = typename magnitude_base<Arg>::type;
    static constexpr bool with_sigmoid = has_either_v<A, typename C::sigmoid>;
    using even = std::conditional_t<with_sigmoid, node<op::log1p, exp_minus_abs_t<base>>,
                                    node<op::softplus, node<op::neg, node<op::abs, base>>>>;
    using type = std::conditional_t<has_opposite_v<A, typename C::softplus> || with_sigmoid,
                                    node<op::add, node<op::relu, Arg>, even>, node<op::softplus, Arg>>;
  };
  template <class A, class Arg>
  struct apply<node<op::sigmoid, A>, node<op::sigmoid, Arg>> {
    using type = std::conditional_t<has_either_v<A, typename C::softplus>,
                                    node<op::sigmoid_e, Arg, exp_minus_abs_t<typename magnitude_base<Arg>::type>>,
                                    node<op::sigmoid, Arg>>;
  };
};

// ---- a softmax beside its logsumexp -----------------------------------------------------------
// The softmax of Z's rows appears as exp(Z - logsumexp(Z)), with logsumexp(Z) = s + log(sum
// of exp(Z - s)), s each row's shift (its maximum): every entry of Z is exponentiated twice.
// Where both occur, E = exp(Z - s) is computed once: logsumexp(Z) is s + log(E 1) and the
// softmax is E / (E 1). The softmax then differs from exp(Z - logsumexp(Z)) in rounding
// (it is the textbook form, and no less accurate).

template <class T>
struct negated_lse { using type = void; };  // Z, for -logsumexp(Z)
template <class Z>
struct negated_lse<node<op::neg, node<op::logsumexp, Z>>> { using type = Z; };
template <class Z>
struct negated_lse<node<op::mul, constant<rat{-1, 1}>, node<op::logsumexp, Z>>> { using type = Z; };

template <class L>
struct sum_node;
template <class T>
struct sum_node<detail::type_list<T>> { using type = T; };
template <class... T>
struct sum_node<detail::type_list<T...>> { using type = node<op::add, T...>; };

// Z, if A is Z - logsumexp(Z) as the simplifier writes it (the terms of Z and
// -logsumexp(Z) in one sum) for a matrix Z; else void.
template <class A>
struct softmax_of { using type = void; };
template <class... T>
struct softmax_of<node<op::add, T...>> {
  template <class X>
  using z_t = typename negated_lse<X>::type;
  using zs = decltype(detail::join(std::conditional_t<std::is_void_v<z_t<T>>, detail::type_list<>, detail::type_list<z_t<T>>>{}...));
  using rest = decltype(detail::join(std::conditional_t<std::is_void_v<z_t<T>>, detail::type_list<T>, detail::type_list<>>{}...));
  template <class Zs, class Rest>
  struct match { using type = void; };
  template <class Z, class... R>
    requires(sizeof...(R) > 0 && std::is_same_v<Z, typename sum_node<detail::type_list<R...>>::type>)
  struct match<detail::type_list<Z>, detail::type_list<R...>> { using type = Z; };
  using type = typename match<zs, rest>::type;
};
template <class Z>
struct softmax_of<node<op::sub, Z, node<op::logsumexp, Z>>> { using type = Z; };
template <class A>
using softmax_of_t = typename softmax_of<A>::type;

// Only matrices: a vector's logsumexp is a scalar.
template <class Z>
inline constexpr bool shares_rows_v = [] {
  if constexpr (std::is_void_v<Z>) return false;
  else return !std::is_same_v<typename shape_of_t<Z>::rows, unit_dim> && !std::is_same_v<typename shape_of_t<Z>::cols, unit_dim>;
}();

// The Z of a softmax of a matrix's rows.
template <class X>
struct softmax_rows_of { using type = void; };
template <class A>
struct softmax_rows_of<node<op::exp, A>> {
  using type = std::conditional_t<shares_rows_v<softmax_of_t<A>>, softmax_of_t<A>, void>;
};

template <class Z>
using row_shift_t = node<op::row_shift, Z>;
template <class Z>
using shifted_exp_t = node<op::exp, node<op::sub, Z, row_shift_t<Z>>>;
template <class Z>
using row_sums_t = node<op::matmul, shifted_exp_t<Z>, ones<shape<typename shape_of_t<Z>::cols, unit_dim>>>;

template <bool Shared, class A, class Y>
struct shared_softmax { using type = Y; };
template <class A, class Y>
struct shared_softmax<true, A, Y> {
  using Z = softmax_of_t<A>;
  using type = node<op::div, shifted_exp_t<Z>, row_sums_t<Z>>;
};
// The softmaxes and logsumexps of the rows of the matrices Zs, as they are written before
// any rewrite below them.
template <class Zs>
struct share_exp {
  template <class X, class Y>
  struct apply { using type = Y; };
  template <class A, class Y>
  struct apply<node<op::exp, A>, Y>
      : shared_softmax<shares_rows_v<softmax_of_t<A>> && detail::in_list_v<softmax_of_t<A>, Zs>, A, Y> {};
  template <class Z, class Y>
  struct apply<node<op::logsumexp, Z>, Y> {
    using type = std::conditional_t<detail::in_list_v<Z, Zs>,
                                    node<op::add, row_shift_t<Z>, node<op::log, row_sums_t<Z>>>, Y>;
  };
};

// The evaluation forms of roots evaluated together.
template <class... E>
struct eval_forms {
  using sums = detail::collect_t<sum_node_of, detail::type_list<>, detail::rewrite_t<unnegate, E>...>;
  template <class R>
  using written_t = detail::rewrite_t<as_written<sums>, detail::rewrite_t<unnegate, R>>;
  using all = node<op::add, written_t<E>...>;
  using context = form_context<args_of_t<op::softplus, all>, args_of_t<op::sigmoid, all>>;
  using softmax_rows = detail::collect_t<softmax_rows_of, detail::type_list<>, all>;
  template <class R>
  using form_t = detail::rewrite_t<split_softplus<context>, detail::rewrite_t<share_exp<softmax_rows>, written_t<R>>>;
};

}  // namespace symgrad::eval_detail
