#pragma once
// Type lists for the evaluation plan: membership, positions, appending without repeats.
#include <cstddef>
#include <type_traits>
#include <utility>

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

// Positions by overload resolution: a table deriving from indexed<I, T> for each element,
// so finding T is one deduction instead of a comparison with every element. An absent T
// (or one listed twice) gives npos.
template <std::size_t I, class T>
struct indexed {};
template <class Seq, class L>
struct index_table;
template <std::size_t... I, class... T>
struct index_table<std::index_sequence<I...>, tlist<T...>> : indexed<I, T>... {};

// Declared only: used in decltype, so nothing is instantiated but the deduction.
template <class T, std::size_t I>
std::integral_constant<std::size_t, I> index_by_base(const indexed<I, T>*);
template <class T>
std::integral_constant<std::size_t, npos> index_by_base(const void*);

template <class T, class L>
inline constexpr std::size_t index_of_v =
    decltype(index_by_base<T>(static_cast<const index_table<std::make_index_sequence<L::size>, L>*>(nullptr)))::value;

template <class L, class T>
struct push_unique;
template <class... Ts, class T>
struct push_unique<tlist<Ts...>, T> {
  using type = std::conditional_t<(std::is_same_v<T, Ts> || ...), tlist<Ts...>, tlist<Ts..., T>>;
};
template <class L, class T>
using push_unique_t = typename push_unique<L, T>::type;

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
