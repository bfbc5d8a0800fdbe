#pragma once
// The variables an expression uses, and the check that a name stands for one variable. The
// entry points (simplify, same_form, stable, grad, jacobian, eval) run it, outside any
// constant evaluation, so that the mistake is one diagnostic.
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../detail/type_list.hpp"
#include "diagnostics.hpp"
#include "nodes.hpp"
#include "walk.hpp"

namespace symgrad::detail {

template <class E>
struct var_of { using type = void; };
template <fixed_string N, class S, class P>
struct var_of<var<N, S, P>> { using type = var<N, S, P>; };

// The first two distinct variables with one name, as indices, or {n, n}.
template <class... V>
constexpr std::pair<std::size_t, std::size_t> first_conflict(type_list<V...>) {
  constexpr std::string_view names[] = {V::name()..., ""};
  for (std::size_t i = 0; i < sizeof...(V); ++i)
    for (std::size_t j = i + 1; j < sizeof...(V); ++j)
      if (names[i] == names[j]) return {i, j};
  return {sizeof...(V), sizeof...(V)};
}

template <class... E>
constexpr void check_variables() {
  using L = collect_t<var_of, type_list<>, std::remove_cvref_t<E>...>;
  constexpr auto c = first_conflict(L{});
  [&]<class... V>(type_list<V...>) {
    if constexpr (c.first < sizeof...(V)) {
      using T = std::tuple<V...>;
      (void)diagnostic::conflicting_variables<diagnostic::var_text_t<std::tuple_element_t<c.first, T>>,
                                        diagnostic::var_text_t<std::tuple_element_t<c.second, T>>>{};
    }
  }(L{});
}

}  // namespace symgrad::detail
