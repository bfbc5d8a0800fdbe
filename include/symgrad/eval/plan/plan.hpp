#pragma once
// The evaluation plan, at compile time: the distinct subterm types of one or more
// expressions in post-order (children first), the variables and other leaves they read
// and the dimensions whose extents they need. Equal types are equal values, so each term
// is computed once. Elementwise chains are computed inside their reader (fuse.hpp): the
// plan's terms are the ones stored.
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "fuse.hpp"
#include "operands.hpp"
#include "rewrites.hpp"

namespace symgrad::eval_detail {

// unit_dim is always 1; only named dimensions need an extent.
template <class L, class D>
using push_dim_t = std::conditional_t<is_named_dim_v<D>, detail::push_unique_t<L, D>, L>;
template <class L, class S>
using push_shape_dims_t = push_dim_t<push_dim_t<L, typename S::rows>, typename S::cols>;

template <class Terms, class Vars, class Dims, class Leaves>
struct state {
  using terms = Terms;    // computed and cached: nodes, and ones/zeros/eye that are not scalars
  using vars = Vars;
  using dims = Dims;      // dimensions read by size_of, ones, zeros and eye
  using leaves = Leaves;  // scalars read from the plan itself: constants, size_of, scalar ones/zeros/eye
};

template <class S, class E>
struct walk;

template <class S, class... E>
struct walk_all { using type = S; };
template <class S, class E, class... Rest>
struct walk_all<S, E, Rest...> : walk_all<typename walk<S, E>::type, Rest...> {};

template <class S, class E>
struct walk {  // constants, invalid_expr
  using type = state<typename S::terms, typename S::vars, typename S::dims, detail::push_unique_t<typename S::leaves, E>>;
};

template <class S, fixed_string N, class Sh, class P>
struct walk<S, var<N, Sh, P>> {
  using type = state<typename S::terms, detail::push_unique_t<typename S::vars, var<N, Sh, P>>, typename S::dims,
                     typename S::leaves>;
};

template <class S, class D>
struct walk<S, size_of<D>> {
  using type = state<typename S::terms, typename S::vars, push_dim_t<typename S::dims, D>,
                     detail::push_unique_t<typename S::leaves, size_of<D>>>;
};

template <bool Scalar, class S, class E, class Sh>
struct walk_filled {  // a scalar: a leaf
  using type = state<typename S::terms, typename S::vars, typename S::dims, detail::push_unique_t<typename S::leaves, E>>;
};
template <class S, class E, class Sh>
struct walk_filled<false, S, E, Sh> {  // a term, which reads its extents
  using leaves = detail::push_unique_t<detail::push_unique_t<typename S::leaves, extent_leaf_t<typename Sh::rows>>,
                               extent_leaf_t<typename Sh::cols>>;
  using type = state<detail::push_unique_t<typename S::terms, E>, typename S::vars, push_shape_dims_t<typename S::dims, Sh>, leaves>;
};
template <class S, class Sh>
struct walk<S, ones<Sh>> : walk_filled<is_scalar_shape_v<Sh>, S, ones<Sh>, Sh> {};
template <class S, class Sh>
struct walk<S, zeros<Sh>> : walk_filled<is_scalar_shape_v<Sh>, S, zeros<Sh>, Sh> {};
template <class S, class D>
struct walk<S, eye<D>> : walk_filled<is_scalar_shape_v<shape<D, D>>, S, eye<D>, shape<D, D>> {};

// A node already planned is skipped whole: its subterms are planned too.
template <bool Seen, class S, class E>
struct walk_node { using type = S; };
template <class S, class L>
struct walk_list;
template <class S, class... A>
struct walk_list<S, detail::type_list<A...>> : walk_all<S, A...> {};
template <class S, class Op, class... A>
struct walk_node<false, S, node<Op, A...>> {
  using inner = typename walk_list<S, typename read_operands<Op, A...>::type>::type;
  using type = state<detail::push_unique_t<typename inner::terms, node<Op, A...>>, typename inner::vars, typename inner::dims,
                     typename inner::leaves>;
};
template <class S, class Op, class... A>
struct walk<S, node<Op, A...>> : walk_node<detail::in_list_v<node<Op, A...>, typename S::terms>, S, node<Op, A...>> {};

// The named dimensions of some variables, in order of first appearance.
template <class L, class... V>
struct dims_of { using type = L; };
template <class L, class V, class... Rest>
struct dims_of<L, V, Rest...> : dims_of<push_shape_dims_t<L, shape_of_t<V>>, Rest...> {};
template <class... V>
using dims_of_t = typename dims_of<detail::type_list<>, V...>::type;

// 0 for a leaf, else one more than the highest operand: each distinct subterm's once.
template <class E>
inline constexpr std::size_t height_v = 0;
template <class Op, class... A>
inline constexpr std::size_t height_v<node<Op, A...>> = 1 + [] {
  std::size_t h = 0;
  ((h = h < height_v<A> ? height_v<A> : h), ...);
  return h;
}();

// The roots in the order they are walked: lowest first, ties as given. The plan then runs as
// backprop does whatever the order of the variables: the output layer's gradients, then each
// layer's adjoint and at once its gradients, which frees the adjoint's entry for the next
// layer's (workspace.hpp). No value changes; the order of Plan::vars does, so what depends on
// the roots' given order is taken from `roots` (the batch dimension, stream.hpp).
template <class... R>
struct lowest_first {
  static constexpr std::array<std::size_t, sizeof...(R)> order = [] {
    const std::size_t height[] = {height_v<R>..., 0};
    std::array<std::size_t, sizeof...(R)> o{};
    for (std::size_t i = 0; i < o.size(); ++i) {
      std::size_t j = i;
      for (; j > 0 && height[o[j - 1]] > height[i]; --j) o[j] = o[j - 1];
      o[j] = i;
    }
    return o;
  }();
  using table = detail::index_table<std::make_index_sequence<sizeof...(R)>, detail::type_list<R...>>;
  template <std::size_t I, class T>
  static std::type_identity<T> at(const detail::indexed<I, T>*);
  template <std::size_t... I>
  static detail::type_list<typename decltype(at<order[I]>(static_cast<const table*>(nullptr)))::type...> pick(
      std::index_sequence<I...>);
  using type = decltype(pick(std::make_index_sequence<sizeof...(R)>{}));
};

// Roots are planned in their evaluation form (rewrites.hpp); root_t<E> is the term to read E from.
template <class... Roots>
struct plan {
  using forms = eval_forms<std::remove_cvref_t<Roots>...>;
  template <class E>
  using root_t = typename forms::template form_t<std::remove_cvref_t<E>>;
  using roots = detail::type_list<root_t<Roots>...>;
  using walked = typename walk_list<state<detail::type_list<>, detail::type_list<>, detail::type_list<>, detail::type_list<>>,
                                    typename lowest_first<root_t<Roots>...>::type>::type;
  using all_terms = typename walked::terms;  // every distinct subterm
  using fusion = eval_detail::fusion<all_terms, roots>;
  using terms = typename fusion::kept;  // the stored ones
  using vars = typename walked::vars;
  using needed_dims = typename walked::dims;
  using leaves = typename walked::leaves;
};

}  // namespace symgrad::eval_detail

namespace symgrad {

// How many distinct subterms eval_all(bindings, E...) computes (leaves are read, not
// computed), each once.
template <class... E>
inline constexpr std::size_t distinct_subterms_v = eval_detail::plan<std::remove_cvref_t<E>...>::all_terms::size;

// How many of them are stored; the others are computed inside the loop of the one term
// that reads them (elementwise chains, fuse.hpp).
template <class... E>
inline constexpr std::size_t stored_subterms_v = eval_detail::plan<std::remove_cvref_t<E>...>::terms::size;

}  // namespace symgrad
