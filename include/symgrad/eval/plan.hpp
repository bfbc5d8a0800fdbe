#pragma once
// The evaluation plan, at compile time: the distinct subterm types of one or more
// expressions in post-order (children first), the variables they read and the dimensions
// whose extents they need. Equal types are equal values, so each term is computed once.
#include <cstddef>
#include <tuple>
#include <type_traits>

#include "../expr/nodes.hpp"

namespace symgrad::eval_detail {

template <class... T>
struct tlist {
  static constexpr std::size_t size = sizeof...(T);
};

template <class T, class L>
inline constexpr bool contains_v = false;
template <class T, class... Ts>
inline constexpr bool contains_v<T, tlist<Ts...>> = (std::is_same_v<T, Ts> || ...);

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

template <class T, class... Ts>
constexpr std::size_t index_in(tlist<Ts...>) {
  constexpr bool hit[] = {std::is_same_v<T, Ts>..., false};
  for (std::size_t i = 0; i < sizeof...(Ts); ++i)
    if (hit[i]) return i;
  return npos;
}
template <class T, class L>
inline constexpr std::size_t index_of_v = index_in<T>(L{});

template <class L>
struct as_tuple;
template <class... T>
struct as_tuple<tlist<T...>> { using type = std::tuple<T...>; };
template <class L>
using as_tuple_t = typename as_tuple<L>::type;

template <class L, class T>
struct push_unique;
template <class... Ts, class T>
struct push_unique<tlist<Ts...>, T> {
  using type = std::conditional_t<(std::is_same_v<T, Ts> || ...), tlist<Ts...>, tlist<Ts..., T>>;
};
template <class L, class T>
using push_unique_t = typename push_unique<L, T>::type;

// unit_dim is always 1; only named dimensions need an extent.
template <class L, class D>
using push_dim_t = std::conditional_t<is_named_dim_v<D>, push_unique_t<L, D>, L>;
template <class L, class S>
using push_shape_dims_t = push_dim_t<push_dim_t<L, typename S::rows>, typename S::cols>;

template <class Terms, class Vars, class Dims>
struct state {
  using terms = Terms;  // computed and cached: nodes, and ones/zeros that are not scalars
  using vars = Vars;
  using dims = Dims;    // dimensions read by size_of, ones and zeros
};

// A matrix product reads a transposed operand through a transposed view, so the
// transpose itself is not materialised.
template <class Op, class A>
struct operand { using type = A; };
template <class A>
  requires(!is_scalar_v<A>)
struct operand<op::matmul, node<op::transpose, A>> { using type = A; };

template <class S, class E>
struct walk { using type = S; };  // constants, invalid_expr

template <class S, class... E>
struct walk_all { using type = S; };
template <class S, class E, class... Rest>
struct walk_all<S, E, Rest...> : walk_all<typename walk<S, E>::type, Rest...> {};

template <class S, fixed_string N, class Sh, class P>
struct walk<S, var<N, Sh, P>> {
  using type = state<typename S::terms, push_unique_t<typename S::vars, var<N, Sh, P>>, typename S::dims>;
};

template <class S, class D>
struct walk<S, size_of<D>> {
  using type = state<typename S::terms, typename S::vars, push_dim_t<typename S::dims, D>>;
};

template <class S, class E, class Sh>
struct walk_filled {
  using terms = std::conditional_t<is_scalar_shape_v<Sh>, typename S::terms, push_unique_t<typename S::terms, E>>;
  using type = state<terms, typename S::vars, push_shape_dims_t<typename S::dims, Sh>>;
};
template <class S, class Sh>
struct walk<S, ones<Sh>> : walk_filled<S, ones<Sh>, Sh> {};
template <class S, class Sh>
struct walk<S, zeros<Sh>> : walk_filled<S, zeros<Sh>, Sh> {};

// A node already planned is skipped whole: its subterms are planned too.
template <bool Seen, class S, class E>
struct walk_node { using type = S; };
template <class S, class Op, class... A>
struct walk_node<false, S, node<Op, A...>> {
  using inner = typename walk_all<S, typename operand<Op, A>::type...>::type;
  using type = state<push_unique_t<typename inner::terms, node<Op, A...>>, typename inner::vars, typename inner::dims>;
};
template <class S, class Op, class... A>
struct walk<S, node<Op, A...>> : walk_node<contains_v<node<Op, A...>, typename S::terms>, S, node<Op, A...>> {};

// The named dimensions of some variables, in order of first appearance.
template <class L, class... V>
struct dims_of { using type = L; };
template <class L, class V, class... Rest>
struct dims_of<L, V, Rest...> : dims_of<push_shape_dims_t<L, shape_of_t<V>>, Rest...> {};
template <class... V>
using dims_of_t = typename dims_of<tlist<>, V...>::type;

template <class... Roots>
struct plan {
  using walked = typename walk_all<state<tlist<>, tlist<>, tlist<>>, Roots...>::type;
  using terms = typename walked::terms;
  using vars = typename walked::vars;
  using needed_dims = typename walked::dims;
};

}  // namespace symgrad::eval_detail

namespace symgrad {

// How many subterms eval_all(bindings, E...) computes (leaves are read, not computed).
template <class... E>
inline constexpr std::size_t distinct_subterms_v = eval_detail::plan<std::remove_cvref_t<E>...>::terms::size;

}  // namespace symgrad
