#pragma once
// The form an expression is evaluated in: the expression itself, rewritten by identities
// that leave every value unchanged bit for bit and share work between terms. Applied to
// the roots before planning (plan.hpp), so distinct_subterms_v counts what is computed.
//
// - A sum of negated terms is the negated sum: -a - b = -(a + b) exactly in IEEE
//   arithmetic (up to the sign of a zero sum), and a + b may be a term already (the stable binary cross-entropy has both
//   softplus(-X w - b) and softplus(X w + b)).
// - softplus(x) = max(x, 0) + log1p(exp(-|x|)) = relu(x) + softplus(-|x|), exactly as the
//   kernel computes it (softplus(-|x|) adds a zero to log1p(exp(-|x|))). The second term is
//   even in x, so where softplus(u) and softplus(-u) are both evaluated they share it: one
//   exp and one log1p per entry instead of two. Only then: alone, the split costs passes.
#include <type_traits>

#include "../expr/nodes.hpp"
#include "tlist.hpp"

namespace symgrad::eval_detail {

// ---- negated sums ---------------------------------------------------------------------------

template <class E>
struct unnegated;  // -(a + b) from -a - b, bottom-up
template <class E>
using unnegated_t = typename unnegated<E>::type;

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

template <class E>
struct unnegated { using type = E; };
template <class Op, class... A>
struct unnegated<node<Op, A...>> { using type = node<Op, unnegated_t<A>...>; };
template <class... A>
struct unnegated<node<op::add, A...>> {
  using type = typename negated_sum<(negated<unnegated_t<A>>::value && ...), unnegated_t<A>...>::type;
};
template <bool Negated, class A, class B>
struct negated_difference { using type = node<op::sub, A, B>; };
template <class A, class B>
struct negated_difference<true, A, B> { using type = node<op::neg, node<op::add, typename negated<A>::operand, B>>; };
template <class A, class B>
struct unnegated<node<op::sub, A, B>> {  // -a - b, as written
  using type = typename negated_difference<negated<unnegated_t<A>>::value, unnegated_t<A>, unnegated_t<B>>::type;
};

// ---- softplus pairs -------------------------------------------------------------------------

// The arguments of every softplus in E, added to the list L.
template <class L, class E>
struct softplus_args { using type = L; };
template <class L, class E>
using softplus_args_t = typename softplus_args<L, E>::type;
template <class L, class Op, class... A>
struct softplus_args<L, node<Op, A...>> {
  template <class Acc, class... R>
  struct fold { using type = Acc; };
  template <class Acc, class R, class... Rest>
  struct fold<Acc, R, Rest...> : fold<softplus_args_t<Acc, R>, Rest...> {};
  using type = typename fold<L, A...>::type;
};
template <class L, class A>
struct softplus_args<L, node<op::softplus, A>> { using type = push_unique_t<softplus_args_t<L, A>, A>; };

// u without its sign: the argument of the shared even term.
template <class A, bool = negated<A>::value>
struct magnitude_base { using type = A; };
template <class A>
struct magnitude_base<A, true> { using type = typename negated<A>::operand; };

// Whether softplus of the opposite of A is evaluated too.
template <class A, class Args, bool = negated<A>::value>
inline constexpr bool has_opposite_v =
    contains_v<node<op::neg, A>, Args> || contains_v<node<op::mul, constant<rat{-1, 1}>, A>, Args>;
template <class A, class Args>
inline constexpr bool has_opposite_v<A, Args, true> = contains_v<typename negated<A>::operand, Args>;

template <class E, class Args>
struct split_softplus { using type = E; };
template <class E, class Args>
using split_softplus_t = typename split_softplus<E, Args>::type;
template <class Op, class... A, class Args>
struct split_softplus<node<Op, A...>, Args> { using type = node<Op, split_softplus_t<A, Args>...>; };
template <class A, class Args>
struct split_softplus<node<op::softplus, A>, Args> {
  using arg = split_softplus_t<A, Args>;
  using even = node<op::softplus, node<op::neg, node<op::abs, typename magnitude_base<arg>::type>>>;
  using type = std::conditional_t<has_opposite_v<A, Args>, node<op::add, node<op::relu, arg>, even>,
                                  node<op::softplus, arg>>;
};

// The evaluation forms of roots evaluated together.
template <class... E>
struct eval_forms {
  using args = typename softplus_args<tlist<>, node<op::add, unnegated_t<E>...>>::type;
  template <class R>
  using form_t = split_softplus_t<unnegated_t<R>, args>;
};

}  // namespace symgrad::eval_detail
