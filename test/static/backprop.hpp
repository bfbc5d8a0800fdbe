#pragma once
// The products an evaluation plan computes: matrix products of data, not counting products
// with ones (column sums). Backprop of a network of L hidden layers needs 3L + 2: per layer
// the forward product H W, the weight gradient H^T D and the adjoint D W^T (none for the
// data X), and the output layer's forward product and weight gradient.
#include <tuple>
#include <type_traits>

#include <symgrad/eval/plan/plan.hpp>
#include <symgrad/eval/plan/workspace.hpp>

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

// How many vector and matrix entries an evaluation in plan order (not in blocks) writes: a term
// takes the entry of a term of its shape that is no longer read (workspace.hpp).
template <class... Roots>
constexpr std::size_t whole_run_entries() {
  using W = symgrad::eval_detail::workspace<symgrad::eval_detail::plan<std::remove_cvref_t<Roots>...>>;
  using symgrad::eval_detail::storage_kind;
  std::size_t entries = 0;
  for (std::size_t i = 0; i < W::n_terms; ++i) {
    bool first = W::store::kind[i] != storage_kind::scalar;
    for (std::size_t j = 0; j < i && first; ++j)
      first = W::store::kind[j] != W::store::kind[i] || W::whole_slots[j] != W::whole_slots[i];
    entries += first;
  }
  return entries;
}

template <std::size_t L, class Layer>
constexpr std::size_t network_entries() {
  return []<class... V>(symgrad::wrt_t<V...>) {
    const auto f = nets::loss<L, Layer>();
    return whole_run_entries<decltype(symgrad::stable(f)), decltype(symgrad::grad(f, V{}))...>();
  }(nets::parameters<L, Layer>());
}

}  // namespace static_test
