#pragma once
// How many nodes of one operation an expression tree holds, counting repeats: a derivation
// form that multiplied a product out over a sum holds more of them.
#include <cstddef>
#include <type_traits>

#include <symgrad/expr/nodes.hpp>

namespace static_test {

template <class Op, class E>
inline constexpr std::size_t tree_count_v = 0;
template <class Op, class O, class... A>
inline constexpr std::size_t tree_count_v<Op, symgrad::node<O, A...>> =
    (std::is_same_v<Op, O> ? 1 : 0) + (tree_count_v<Op, A> + ... + 0);

}  // namespace static_test
