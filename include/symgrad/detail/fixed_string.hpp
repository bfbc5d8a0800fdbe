#pragma once
// A string usable as a template argument: variable and dimension names live in types.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace symgrad {

template <std::size_t N>
struct fixed_string {
  char value[N]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(const char (&s)[N]) { std::copy_n(s, N, value); }

  static constexpr std::size_t size() { return N - 1; }

  constexpr std::string_view view() const { return {value, N - 1}; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
};

/// The strings one after the other: `concat(fixed_string("m"), fixed_string(" x "), ...)`.
template <std::size_t... N>
constexpr fixed_string<(N + ... + 1) - sizeof...(N)> concat(const fixed_string<N>&... parts) {
  fixed_string<(N + ... + 1) - sizeof...(N)> r;
  std::size_t at = 0;
  ((std::copy_n(parts.value, N - 1, r.value + at), at += N - 1), ...);
  return r;
}

}  // namespace symgrad
