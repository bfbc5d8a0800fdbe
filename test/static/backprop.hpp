#pragma once
// The products an evaluation plan computes: matrix products of data, not counting products
// with ones (column sums). Backprop of a network of L hidden layers needs 3L + 2: per layer
// the forward product H W, the weight gradient H^T D and the adjoint D W^T (none for the
// data X), and the output layer's forward product and weight gradient.
#include <tuple>
#include <type_traits>

#include <symgrad/eval/plan/plan.hpp>

#include "../support/network.hpp"

namespace static_test {

template <class E> inline constexpr bool is_ones_leaf_v = false;
template <class S> inline constexpr bool is_ones_leaf_v<symgrad::ones<S>> = true;

template <class T> inline constexpr bool data_product_v = false;
template <class... A>
inline constexpr bool data_product_v<symgrad::node<symgrad::op::matmul, A...>> = !(is_ones_leaf_v<A> || ...);

template <class... Roots>
constexpr std::size_t planned_products() {
  return []<class... T>(symgrad::detail::type_list<T...>) {
    return (std::size_t{data_product_v<T>} + ... + 0);
  }(typename symgrad::eval_detail::plan<std::remove_cvref_t<Roots>...>::all_terms{});
}

template <class F, class... V>
constexpr std::size_t gradient_products(F f, symgrad::wrt_t<V...>) {
  return planned_products<decltype(symgrad::stable(f)), decltype(symgrad::grad(f, V{}))...>();
}

// value_and_grad's one sweep for all the variables gives each the expression grad gives alone.
template <class F, class... V>
constexpr bool one_sweep_as_grad(F, symgrad::wrt_t<V...>) {
  return std::is_same_v<decltype(symgrad::calculus::gradients(F{}, V{}...)), symgrad::detail::type_list<decltype(symgrad::grad(F{}, V{}))...>>;
}
template <std::size_t L, class Layer>
constexpr bool network_one_sweep() {
  return one_sweep_as_grad(nets::loss<L, Layer>(), nets::parameters<L, Layer>());
}

template <std::size_t L, class Layer>
constexpr std::size_t network_products() {
  return gradient_products(nets::loss<L, Layer>(), nets::parameters<L, Layer>());
}

}  // namespace static_test
