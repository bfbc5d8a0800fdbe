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

// An operand stretched along a dimension of the result N receives the adjoint summed along
// it: a scalar the sum, a row vector the column sums 1^T G, a column the row sums G 1.
// Written as products with ones, the rule also holds for a Jacobian's batch of adjoints
// (G with one column per output, see jacobian.hpp) of a column-vector result.
template <class A, class N, class G>
constexpr auto unbroadcast(G g) {
  using SA = shape_of_t<A>;
  using SN = shape_of_t<N>;
  using SG = shape_of_t<G>;
  if constexpr (stretched_rows_v<SA, SN> && stretched_cols_v<SA, SN>) return sum(g);
  else if constexpr (stretched_rows_v<SA, SN>) return ones<shape<unit_dim, typename SG::rows>>{} * g;
  else if constexpr (stretched_cols_v<SA, SN>) return g * ones<shape<typename SG::cols, unit_dim>>{};
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
template <class A> constexpr auto derivative(op::relu, A a) { return step(a); }
template <class A> constexpr auto derivative(op::step, A) { return constant<rat{0, 1}>{}; }  // almost everywhere
template <class A> constexpr auto derivative(op::abs, A a) { return sign(a); }                  // sign(0) = 0
template <class A> constexpr auto derivative(op::sign, A) { return constant<rat{0, 1}>{}; }  // almost everywhere
template <class A> constexpr auto derivative(op::log1p, A a) { return one / (one + a); }
template <class A> constexpr auto derivative(op::expm1, A a) { return exp(a); }
template <class A> constexpr auto derivative(op::erf, A a) {
  return constant<rat{2, 1}>{} * pow(pi, constant<rat{-1, 2}>{}) * exp(-pow(a, constant<rat{2, 1}>{}));
}
// A user's function gives its own (docs/adding-an-op.md).
template <class F, class A>
  requires op::is_user_function_v<F>
constexpr auto derivative(F, A a) { return F::derivative(a); }
template <std::size_t I, class F, class A, class B>
  requires op::is_user_function_v<F>
constexpr auto derivative(F, A a, B b) { return F::template derivative<I>(a, b); }
// Of two arguments: d f / d (operand I). A tie (a = b) goes to b, as step(0) = 0.
template <std::size_t I, class A, class B> constexpr auto derivative(op::maximum, A a, B b) {
  if constexpr (I == 0) return step(a - b);
  else return one - step(a - b);
}
template <std::size_t I, class A, class B> constexpr auto derivative(op::minimum, A a, B b) {
  if constexpr (I == 0) return step(b - a);
  else return one - step(b - a);
}
template <std::size_t I, class R, class D> constexpr auto derivative(op::huber, R r, D delta) {
  if constexpr (I == 0) return clip(r, -delta, delta);
  else return relu(abs(r) - delta);
}

template <std::size_t I, class F, class A, class G>
  requires op::is_function_v<F>
constexpr auto adjoint(node<F, A>, G g) { return g % derivative(F{}, A{}); }
template <std::size_t I, class F, class A, class B, class G>
  requires op::is_function_v<F>
constexpr auto adjoint(node<F, A, B> n, G g) {
  return unbroadcast<nth_t<I, A, B>, decltype(n)>(g % derivative<I>(F{}, A{}, B{}));
}

// ---- structural ops ----------------------------------------------------------------------------
template <std::size_t I, class... A, class G>
constexpr auto adjoint(node<op::add, A...> n, G g) { return unbroadcast<nth_t<I, A...>, decltype(n)>(g); }

template <std::size_t I, class A, class B, class G>
constexpr auto adjoint(node<op::sub, A, B> n, G g) {
  if constexpr (I == 0) return unbroadcast<A, decltype(n)>(g);
  else return unbroadcast<B, decltype(n)>(-g);
}

template <std::size_t I, class... A, std::size_t... J>
constexpr auto product_except(std::index_sequence<J...>) {
  return (one % ... % std::conditional_t<J == I, constant<rat{1, 1}>, nth_t<J, A...>>{});
}

template <std::size_t I, class... A, class G>
constexpr auto adjoint(node<op::mul, A...> n, G g) {
  return unbroadcast<nth_t<I, A...>, decltype(n)>(g % product_except<I, A...>(std::index_sequence_for<A...>{}));
}

template <std::size_t I, class A, class B, class G>
constexpr auto adjoint(node<op::div, A, B> n, G g) {
  if constexpr (I == 0) return unbroadcast<A, decltype(n)>(g / B{});
  else return unbroadcast<B, decltype(n)>(-(g % A{}) / pow(B{}, constant<rat{2, 1}>{}));
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
constexpr auto adjoint(node<op::sum, A>, G g) { return ones<shape_of_t<A>>{} * g; }

template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::mean, A>, G g) { return ones<shape_of_t<A>>{} * g / numel<shape_of_t<A>>(); }

// d logsumexp(u) = softmax(u): the adjoint (one entry per sample) is spread over the classes.
template <std::size_t I, class A, class G>
constexpr auto adjoint(node<op::logsumexp, A>, G g) { return g % exp(A{} - node<op::logsumexp, A>{}); }

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
