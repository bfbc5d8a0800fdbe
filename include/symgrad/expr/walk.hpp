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

// The distinct nodes and leaves of E..., children first, left to right. A subterm met again is
// skipped whole: expressions share subterms (every layer's gradient reads the network's forward
// chain), so a walk costs the number of distinct subterms, not the size of the tree.
template <class Seen, class... E>
struct subterms { using type = Seen; };
template <class Seen, class... E>
using subterms_t = typename subterms<Seen, E...>::type;

template <class L, class T>
struct append;
template <class... Ts, class T>
struct append<type_list<Ts...>, T> { using type = type_list<Ts..., T>; };

template <bool Met, class Seen, class E>
struct subterms_of_node { using type = Seen; };
template <class Seen, class Op, class... A>
struct subterms_of_node<false, Seen, node<Op, A...>> : append<subterms_t<Seen, A...>, node<Op, A...>> {};

template <class Seen, class E, class... Rest>
struct subterms<Seen, E, Rest...> : subterms<push_unique_t<Seen, E>, Rest...> {};
template <class Seen, class Op, class... A, class... Rest>
struct subterms<Seen, node<Op, A...>, Rest...>
    : subterms<typename subterms_of_node<in_list_v<node<Op, A...>, Seen>, Seen, node<Op, A...>>::type, Rest...> {};

// The list L with Pick<X>::type appended for every distinct node and leaf X of the expressions
// E..., children first, unless it is void or there already.
template <class L, class T>
using push_picked_t = std::conditional_t<std::is_void_v<T>, L, push_unique_t<L, T>>;

template <template <class> class Pick, class L, class... X>
struct pick_each { using type = L; };
template <template <class> class Pick, class L, class X, class... Rest>
struct pick_each<Pick, L, X, Rest...> : pick_each<Pick, push_picked_t<L, typename Pick<X>::type>, Rest...> {};
template <template <class> class Pick, class L, class Xs>
struct pick_list;
template <template <class> class Pick, class L, class... X>
struct pick_list<Pick, L, type_list<X...>> : pick_each<Pick, L, X...> {};

template <template <class> class Pick, class L, class... E>
using collect_t = typename pick_list<Pick, L, subterms_t<type_list<>, E...>>::type;

}  // namespace symgrad::detail
