#pragma once
// The networks of the tests and benchmarks: L hidden layers of width h with one activation,
// a softmax output of k classes and the cross-entropy against one-hot labels, built with the
// library's dense_network. Parameters W1, b1, ..., W{L+1}, b{L+1} (the last: the output layer).
#include <cstddef>
#include <utility>

#include <symgrad/symgrad.hpp>

namespace nets {

using namespace symgrad;

inline constexpr auto m = dim<"m">;
inline constexpr auto n = dim<"n">;
inline constexpr auto h = dim<"h">;
inline constexpr auto k = dim<"k">;
inline constexpr auto X = matrix<"X">(m, n);
inline constexpr auto Y = matrix<"Y", sums_to_one>(m, k);

using tanh_layer = activation::tanh;
using sigmoid_layer = activation::sigmoid;
using relu_layer = activation::relu;

template <std::size_t L, class F>
constexpr auto net() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return dense_network(X, (void(I), dense(h, F{}))..., dense(k));
  }(std::make_index_sequence<L>{});
}

template <std::size_t L, class F>
constexpr auto loss() { return cross_entropy(softmax(net<L, F>().output()), Y); }

// W1, b1, W2, b2, ..., the output layer's last.
template <std::size_t L, class F>
constexpr auto parameters() { return wrt(net<L, F>().parameters()); }

}  // namespace nets
