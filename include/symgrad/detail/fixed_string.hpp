#pragma once
// A string usable as a template argument: variable and dimension names live in types.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace symgrad {

template <std::size_t N>
struct fixed_string {
  char value[N]{};

  constexpr fixed_string(const char (&s)[N]) { std::copy_n(s, N, value); }

  constexpr std::string_view view() const { return {value, N - 1}; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
};

}  // namespace symgrad
