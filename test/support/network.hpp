#pragma once
// A dense network of L hidden layers of width h with one activation, a softmax output and
// the cross-entropy against one-hot labels: H_0 = X, H_i = f(H_{i-1} W_i + b_i), P =
// softmax(H_L Wo + bo). Parameters are named W1, b1, ..., Wo, bo.
#include <cstddef>
#include <utility>

#include <symgrad/symgrad.hpp>

namespace network {

using namespace symgrad;

inline constexpr auto m = dim<"m">;
inline constexpr auto n = dim<"n">;
inline constexpr auto h = dim<"h">;
inline constexpr auto k = dim<"k">;
inline constexpr auto X = matrix<"X">(m, n);
inline constexpr auto Y = matrix<"Y", sums_to_one>(m, k);
inline constexpr auto Wo = matrix<"Wo">(h, k);
inline constexpr auto bo = row_vector<"bo">(k);

constexpr std::size_t digits(std::size_t i) { return i < 10 ? 1 : 1 + digits(i / 10); }

// "W" and 12 -> "W12".
template <char Prefix, std::size_t I>
constexpr fixed_string<digits(I) + 2> indexed_name() {
  char s[digits(I) + 2]{};
  s[0] = Prefix;
  for (std::size_t i = digits(I), v = I; i > 0; --i, v /= 10) s[i] = static_cast<char>('0' + v % 10);
  return fixed_string<digits(I) + 2>(s);
}

template <std::size_t I>
constexpr auto W() {
  if constexpr (I == 1) return matrix<indexed_name<'W', I>()>(n, h);
  else return matrix<indexed_name<'W', I>()>(h, h);
}
template <std::size_t I>
constexpr auto b() { return row_vector<indexed_name<'b', I>()>(h); }

struct tanh_layer { template <class E> constexpr auto operator()(E e) const { return tanh(e); } };
struct sigmoid_layer { template <class E> constexpr auto operator()(E e) const { return sigmoid(e); } };
struct relu_layer { template <class E> constexpr auto operator()(E e) const { return relu(e); } };

template <std::size_t L, class F, std::size_t I = 1, class H>
constexpr auto hidden(H x) {
  if constexpr (I > L) return x;
  else return hidden<L, F, I + 1>(F{}(x * W<I>() + b<I>()));
}

template <std::size_t L, class F>
constexpr auto loss() { return cross_entropy(softmax(hidden<L, F>(X) * Wo + bo), Y); }

// The parameters in the order W1..WL, b1..bL, Wo, bo.
template <std::size_t L, std::size_t... I>
constexpr auto parameters_of(std::index_sequence<I...>) { return wrt(W<I + 1>()..., b<I + 1>()..., Wo, bo); }
template <std::size_t L>
constexpr auto parameters() { return parameters_of<L>(std::make_index_sequence<L>{}); }

}  // namespace network
