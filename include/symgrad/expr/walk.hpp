#pragma once
// The two walks over expression trees, written once: a rewrite (each node rebuilt from its
// rewritten operands, then given to a rule) and a collection (what a pick finds in each node
// and leaf, without repeats). Both go children first, left to right.
#include <type_traits>

#include "../detail/type_list.hpp"
#include "nodes.hpp"

namespace symgrad::detail {

// E rewritten by Rule: Rule::apply<X, Y>::type replaces the node X, where Y is X with its
// operands rewritten (X itself where none changed). Leaves stay.
template <class Rule, class E>
struct rewrite { using type = E; };
template <class Rule, class E>
using rewrite_t = typename rewrite<Rule, E>::type;
template <class Rule, class Op, class... A>
struct rewrite<Rule, node<Op, A...>> {
  using type = typename Rule::template apply<node<Op, A...>, node<Op, rewrite_t<Rule, A>...>>::type;
};

// The list L with Pick<X>::type appended for every node and leaf X of the expressions E...,
// children first, unless it is void or there already.
template <template <class> class Pick, class L, class... E>
struct collect { using type = L; };
template <template <class> class Pick, class L, class... E>
using collect_t = typename collect<Pick, L, E...>::type;

template <class L, class T>
using push_picked_t = std::conditional_t<std::is_void_v<T>, L, push_unique_t<L, T>>;

template <template <class> class Pick, class L, class E, class... Rest>
struct collect<Pick, L, E, Rest...> : collect<Pick, push_picked_t<L, typename Pick<E>::type>, Rest...> {};
template <template <class> class Pick, class L, class Op, class... A, class... Rest>
struct collect<Pick, L, node<Op, A...>, Rest...>
    : collect<Pick, push_picked_t<collect_t<Pick, L, A...>, typename Pick<node<Op, A...>>::type>, Rest...> {};

}  // namespace symgrad::detail
