#pragma once
// What an evaluation plan holds, for the plan tests (plan_*.cpp): the terms it stores and what
// they apply, the terms computed inside another term's loop, and whether it is evaluated in
// blocks of rows.
#include <cstddef>
#include <type_traits>

#include <symgrad/detail/type_list.hpp>
#include <symgrad/eval/plan/plan.hpp>
#include <symgrad/eval/plan/stream.hpp>

namespace static_test {

template <class... E>
using plan_t = symgrad::eval_detail::plan<std::remove_cvref_t<E>...>;

template <class Op, class T>
inline constexpr bool applies_v = false;
template <class Op, class... A>
inline constexpr bool applies_v<Op, symgrad::node<Op, A...>> = true;

// How many planned (stored) terms apply Op.
template <class Op, class Plan>
constexpr std::size_t count_terms() {
  return []<class... T>(symgrad::detail::type_list<T...>) {
    return (std::size_t{0} + ... + std::size_t{applies_v<Op, T>});
  }(typename Plan::terms{});
}

// Whether term T is computed inside another term's loop.
template <class Plan, class T>
inline constexpr bool absorbed_v = Plan::fusion::template absorbed_v<std::remove_cvref_t<T>>;

// Whether sum or mean S is computed in the loop of the stored term H (it rides on H).
template <class Plan, class S, class H>
inline constexpr bool rides_on_v =
    symgrad::detail::in_list_v<std::remove_cvref_t<H>, typename Plan::fusion::all> &&
    Plan::fusion::template host_v<std::remove_cvref_t<S>> ==
        symgrad::detail::index_of_v<std::remove_cvref_t<H>, typename Plan::fusion::all>;

// Whether the plan of these roots is evaluated in blocks of rows.
template <class... E>
inline constexpr bool streams_v = symgrad::eval_detail::stream_plan<plan_t<E...>>::value;
// Whether its local terms (those with the data's rows) are all vectors: its blocks are eighths
// of the rows.
template <class... E>
inline constexpr bool vector_blocks_v = symgrad::eval_detail::stream_plan<plan_t<E...>>::local_vectors_only;

}  // namespace static_test
