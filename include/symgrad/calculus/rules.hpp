#pragma once
// The table of derivative rules: for a node and the adjoint G of its value, the adjoint
// of operand I. One overload per op; elementwise functions give only f'(u).
// Adjoints are matrix expressions: X * w sends transpose(X) * G to w, and a broadcast
// scalar receives sum(G).
#include <cstddef>
#include <tuple>

#include "../expr/build.hpp"

namespace symgrad::calculus {

inline constexpr constant<rat{1, 1}> one{};

template <std::size_t I, class... A>
using nth_t = std::tuple_element_t<I, std::tuple<A...>>;

// A scalar operand broadcast over the result receives the sum of the adjoint.
template <class A, class G>
constexpr auto unbroadcast(G g) {
  if constexpr (is_scalar_v<A> && !is_scalar_v<G>) return sum(g);
  else return g;
}

// Number of entries of a shape, as an expression.
template <class D>
constexpr auto extent() {
  if constexpr (is_named_dim_v<D>) return size_of<D>{};
  else return one;
}
template <class S>
constexpr auto numel() { return extent<typename S::rows>() * extent<typename S::cols>(); }

// ---- elementwise functions: f'(u) ------------------------------------------------------------
template <class A> constexpr auto derivative(op::exp, A a) { return exp(a); }
template <class A> constexpr auto derivative(op::log, A a) { return one / a; }
template <class A> constexpr auto derivative(op::sin, A a) { return cos(a); }
template <class A> constexpr auto derivative(op::cos, A a) { return -sin(a); }
template <class A> constexpr auto derivative(op::tanh, A a) { return one - pow(tanh(a), constant<rat{2, 1}>{}); }
template <class A> constexpr auto derivative(op::sigmoid, A a) { return sigmoid(a) % (one - sigmoid(a)); }
template <class A> constexpr auto derivative(op::softplus, A a) { return sigmoid(a); }

template <std::size_t I, class F, class A, class G>
  requires op::is_function_v<F>
constexpr auto adjoint(node<F, A>, G g) { return g % derivative(F{}, A{}); }

// ---- structural ops ----------------------------------------------------------------------------
template <std::size_t I, class... A, class G>
constexpr auto adjoint(node<op::add, A...>, G g) { return unbroadcast<nth_t<I, A...>>(g); }

template <std::size_t I, class A, class B, class G>
constexpr auto adjoint(node<op::sub, A, B>, G g) {
  if constexpr (I == 0) return unbroadcast<A>(g);
  else return unbroadcast<B>(-g);
}

template <std::size_t I, class... A, std::size_t... J>
constexpr auto product_except(std::index_sequence<J...>) {
  return (one % ... % std::conditional_t<J == I, constant<rat{1, 1}>, nth_t<J, A...>>{});
}

template <std::size_t I, class... A, class G>
constexpr auto adjoint(node<op::mul, A...>, G g) {
  return unbroadcast<nth_t<I, A...>>(g % product_except<I, A...>(std::index_sequence_for<A...>{}));
}

template <std::size_t I, class A, class B, class G>
constexpr auto adjoint(node<op::div, A, B>, G g) {
  if constexpr (I == 0) return unbroadcast<A>(g / B{});
  else return unbroadcast<B>(-(g % A{}) / pow(B{}, constant<rat{2, 1}>{}));
}

template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::neg, A>, G g) { return -g; }

template <std::size_t I, class A, rat R, class G>
constexpr auto adjoint(node<op::pow, A, constant<R>>, G g) {
  return g % (constant<R>{} * pow(A{}, constant<R - rat{1, 1}>{}));
}

template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::transpose, A>, G g) { return transpose(g); }

template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::sum, A>, G g) { return g * ones<shape_of_t<A>>{}; }

template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::mean, A>, G g) { return g * ones<shape_of_t<A>>{} / numel<shape_of_t<A>>(); }

// A_1 ... A_k: operand I receives (A_1 ... A_{I-1})^T G (A_{I+1} ... A_k)^T.
template <class... A>
constexpr auto chain(std::tuple<A...>) {
  if constexpr (sizeof...(A) == 1) return nth_t<0, A...>{};
  else return node<op::matmul, A...>{};
}
template <std::size_t Offset, class Tuple, std::size_t... J>
constexpr auto sub_tuple(std::index_sequence<J...>) { return std::tuple<std::tuple_element_t<Offset + J, Tuple>...>{}; }

template <std::size_t I, class... A, class G>
constexpr auto adjoint(node<op::matmul, A...>, G g) {
  using all = std::tuple<A...>;
  constexpr std::size_t k = sizeof...(A);
  auto left = [&] {
    if constexpr (I == 0) return g;
    else return transpose(chain(sub_tuple<0, all>(std::make_index_sequence<I>{}))) * g;
  }();
  if constexpr (I + 1 == k) return left;
  else return left * transpose(chain(sub_tuple<I + 1, all>(std::make_index_sequence<k - I - 1>{})));
}

}  // namespace symgrad::calculus
