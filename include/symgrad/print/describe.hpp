#pragma once
// An expression type flattened into a constexpr array of nodes: the only part of printing
// that is a template. Everything that reads the array (names.hpp, print.hpp) is ordinary code.
#include <array>
#include <string_view>
#include <type_traits>

#include "../detail/type_list.hpp"
#include "../expr/nodes.hpp"

namespace symgrad::print_detail {

enum class style { text, latex };

// ---- the description ------------------------------------------------------------------

enum class kind : unsigned char {
  name, constant, ones, zeros, eye, invalid,        // leaves
  add, sub, mul, div, matmul, neg, transpose, pow,  // pow: the base is its only child
  function, sigmoid, operator_name,                 // LaTeX `\log`, `\sigma`, `\operatorname{sum}`
};

// Stored in pre-order: a node's first operand follows it, and each later operand starts
// where the subtree (`size` nodes) of the one before ends.
struct flat_node {
  kind k{};
  std::string_view name{};  // of a variable, dimension or function; rows of ones / zeros
  rat value{};              // of a constant, or a power's exponent
  int arity = 0;
  int size = 1;             // nodes in this subtree, itself included
  bool scalar = false;      // set on factors of a mul, whose joints depend on it
  std::string_view cols{};  // columns of ones / zeros
  char vec = 0;             // on factors of a mul: 'c' a column, 'r' a row (n x 1, 1 x n)
};

template <fixed_string N, class S, class P>
constexpr flat_node leaf(var<N, S, P>) { return {kind::name, N.view()}; }
template <rat V>
constexpr flat_node leaf(constant<V>) { return {kind::constant, {}, V}; }
template <class D>
constexpr flat_node leaf(size_of<D>) { return {kind::name, D::name()}; }
constexpr flat_node leaf(pi_constant) { return {kind::name, "pi"}; }
template <class S>
constexpr flat_node leaf(ones<S>) { return {kind::ones, S::rows::name(), {}, 0, 1, false, S::cols::name()}; }
template <class S>
constexpr flat_node leaf(zeros<S>) { return {kind::zeros, S::rows::name(), {}, 0, 1, false, S::cols::name()}; }
template <class D>
constexpr flat_node leaf(eye<D>) { return {kind::eye, D::name()}; }
constexpr flat_node leaf(invalid_expr) { return {kind::invalid}; }

// How an op prints: LaTeX has commands for the functions listed first; ops not listed print
// as a function of their operands.
template <class Op>
inline constexpr kind op_kind = [] {
  using operators = detail::type_list<op::add, op::sub, op::mul, op::div, op::matmul, op::neg, op::transpose, op::sigmoid>;
  constexpr kind kinds[] = {kind::add, kind::sub, kind::mul, kind::div, kind::matmul, kind::neg, kind::transpose, kind::sigmoid};
  if constexpr (detail::in_list_v<Op, detail::type_list<op::exp, op::log, op::sin, op::cos, op::tanh, op::maximum, op::minimum>>)
    return kind::function;
  else if constexpr (requires { Op::latex_command; }) return Op::latex_command ? kind::function : kind::operator_name;
  else if constexpr (detail::index_of_v<Op, operators> != detail::npos) return kinds[detail::index_of_v<Op, operators>];
  else return kind::operator_name;
}();

template <class E>
inline constexpr int count_v = 1;
template <class Op, class... A>
inline constexpr int count_v<node<Op, A...>> = (1 + ... + count_v<A>);
template <class B, rat E>
inline constexpr int count_v<node<op::pow, B, constant<E>>> = 1 + count_v<B>;

template <class E>
constexpr int write(flat_node* out);

template <class S>
constexpr char vector_kind() {
  constexpr bool unit_rows = std::is_same_v<typename S::rows, unit_dim>, unit_cols = std::is_same_v<typename S::cols, unit_dim>;
  return unit_rows == unit_cols ? 0 : unit_cols ? 'c' : 'r';
}

template <class Op, class... A>
constexpr int write_node(node<Op, A...>, flat_node* out) {
  constexpr kind k = op_kind<Op>;
  static_assert(k == kind::sigmoid ? sizeof...(A) == 1 : sizeof...(A) > 0,
                "symgrad: unknown node");
  int size = 1;
  ((size += write<A>(out + size)), ...);
  // Shapes matter only to a product's factors; computing them elsewhere is wasted work.
  if constexpr (k == kind::mul) {
    int at = 1;
    ((out[at].scalar = is_scalar_v<A>, out[at].vec = vector_kind<shape_of_t<A>>(), at += count_v<A>), ...);
  }
  out[0] = {k, Op::name, {}, sizeof...(A), size};
  return size;
}

template <class B, rat E>
constexpr int write_node(node<op::pow, B, constant<E>>, flat_node* out) {
  const int size = 1 + write<B>(out + 1);
  out[0] = {kind::pow, {}, E, 1, size};
  return size;
}

// Returns the number of nodes written.
template <class E>
constexpr int write(flat_node* out) {
  if constexpr (is_node_v<E>) {
    return write_node(E{}, out);
  } else {
    *out = leaf(E{});
    return 1;
  }
}

template <class E>
inline constexpr auto description = [] {
  std::array<flat_node, count_v<E>> d{};
  write<E>(d.data());
  return d;
}();

}  // namespace symgrad::print_detail
