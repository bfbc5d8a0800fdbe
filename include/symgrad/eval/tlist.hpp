#pragma once
// Type lists for the evaluation plan: membership, positions, appending without repeats.
#include <cstddef>
#include <type_traits>
#include <utility>

#include "../detail/type_list.hpp"

namespace symgrad::eval_detail {

template <class... T>
using tlist = detail::type_list<T...>;

template <class T, class L>
inline constexpr bool contains_v = detail::in_list_v<T, L>;

using detail::index_of_v;
using detail::npos;

using detail::push_unique_t;

// The concatenation of a list of lists.
template <class L>
struct join_lists;
template <>
struct join_lists<tlist<>> { using type = tlist<>; };
template <class... A>
struct join_lists<tlist<tlist<A...>>> { using type = tlist<A...>; };
template <class... A, class... B, class... Rest>
struct join_lists<tlist<tlist<A...>, tlist<B...>, Rest...>> : join_lists<tlist<tlist<A..., B...>, Rest...>> {};

}  // namespace symgrad::eval_detail
