#pragma once
// Dense networks written once: a loop over layers at compile time, as the seeds' feed_forward
// is a loop at run time. Layer i (from 1) is H_i = f_i(H_{i-1} W_i + b_i) with H_0 the input,
// W_i a matrix (width of H_{i-1}) x (width i) and b_i a row vector broadcast over the rows;
// the parameters are variables named W1, b1, W2, b2, ...
#include <cstddef>
#include <tuple>
#include <utility>

#include "build.hpp"
#include "variables.hpp"

namespace symgrad {

/// Activations for dense(width, activation): function objects over expressions.
namespace activation {
struct identity { template <class E> constexpr auto operator()(E e) const { return e; } };
struct tanh { template <class E> constexpr auto operator()(E e) const { return symgrad::tanh(e); } };
struct sigmoid { template <class E> constexpr auto operator()(E e) const { return symgrad::sigmoid(e); } };
struct relu { template <class E> constexpr auto operator()(E e) const { return symgrad::relu(e); } };
}  // namespace activation

/// A layer of `Width` units (a dimension) and an activation; the last layer of a classifier
/// has none (its output are the logits).
template <class Width, class Activation = activation::identity>
struct dense_layer {};

template <fixed_string N, class Activation = activation::identity>
constexpr dense_layer<dim_t<N>, Activation> dense(dim_t<N>, Activation = {}) { return {}; }

namespace detail {

constexpr std::size_t decimal_digits(std::size_t i) { return i < 10 ? 1 : 1 + decimal_digits(i / 10); }

// 'W', 12 -> "W12".
template <char Prefix, std::size_t I>
constexpr fixed_string<decimal_digits(I) + 2> indexed_name() {
  char s[decimal_digits(I) + 2]{};
  s[0] = Prefix;
  for (std::size_t i = decimal_digits(I), v = I; i > 0; --i, v /= 10) s[i] = static_cast<char>('0' + v % 10);
  return fixed_string<decimal_digits(I) + 2>(s);
}

template <class S> struct cols_of;
template <class R, class C> struct cols_of<shape<R, C>> { using type = C; };

}  // namespace detail

/// A network over an input expression (m x n data): `dense_network(X, dense(h, activation::relu{}),
/// dense(k))`. `output()` is the last layer's value, `weight<i>()` and `bias<i>()` the variables
/// of layer i (from 1), `parameters()` all of them for value_and_grad (W1, b1, W2, b2, ...).
template <class Input, class... Layers>
struct network {
  static constexpr std::size_t depth = sizeof...(Layers);
  static_assert(depth > 0, "symgrad: a network needs at least one layer");

  template <std::size_t I>
  using layer_t = std::tuple_element_t<I - 1, std::tuple<Layers...>>;

  template <class L> struct width_of;
  template <class W, class A> struct width_of<dense_layer<W, A>> { using type = W; using activation = A; };

  template <std::size_t I>
  static constexpr auto fan_in() {
    if constexpr (I == 1) return typename detail::cols_of<shape_of_t<Input>>::type{};
    else return typename width_of<layer_t<I - 1>>::type{};
  }

  /// The weight matrix of layer I (from 1), named W<I>.
  template <std::size_t I>
  static constexpr auto weight() {
    static_assert(I >= 1 && I <= depth, "symgrad: layers are numbered from 1 to the network's depth");
    return var<detail::indexed_name<'W', I>(), shape<decltype(fan_in<I>()), typename width_of<layer_t<I>>::type>>{};
  }
  /// The bias row of layer I (from 1), named b<I>.
  template <std::size_t I>
  static constexpr auto bias() {
    static_assert(I >= 1 && I <= depth, "symgrad: layers are numbered from 1 to the network's depth");
    return var<detail::indexed_name<'b', I>(), shape<unit_dim, typename width_of<layer_t<I>>::type>>{};
  }

  /// H_I, the value of layer I; H_0 is the input.
  template <std::size_t I = depth>
  static constexpr auto output() {
    if constexpr (I == 0) return Input{};
    else return typename width_of<layer_t<I>>::activation{}(output<I - 1>() * weight<I>() + bias<I>());
  }

  /// Bindings of every parameter from one list of matrices, layer by layer (W1, b1, W2, b2,
  /// ...), with the other bindings: `net.bind(parameters, X = data, Y = labels)`. The matrices
  /// are referenced, not copied. Throws std::invalid_argument unless the list holds two per
  /// layer. Defined in eval/binding.hpp, where bindings are.
  template <class List, class... B>
  auto bind(const List& parameters, const B&... data) const;

  /// Every parameter, layer by layer: W1, b1, W2, b2, ...
  static constexpr auto parameters() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return std::tuple_cat(std::tuple(weight<I + 1>(), bias<I + 1>())...);
    }(std::make_index_sequence<depth>{});
  }
};

template <expression Input, class... Layers>
constexpr network<Input, Layers...> dense_network(Input, Layers...) { return {}; }

}  // namespace symgrad
