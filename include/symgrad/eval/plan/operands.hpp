#pragma once
// What a term's kernel reads: its operands (a transposed factor of a product through its
// operand, a power without its exponent) and their kinds relative to the term's shape.
#include <type_traits>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../kernels/views.hpp"
#include "../ops.hpp"

namespace symgrad::eval_detail {

// A matrix product reads a transposed operand through a transposed view, so the
// transpose itself is not materialised.
template <class Op, class A>
struct operand { using type = A; };
template <class A>
  requires(!is_scalar_v<A>)
struct operand<op::matmul, node<op::transpose, A>> { using type = A; };

// The number of rows or columns of a ones, zeros or eye term, as a leaf.
template <class D>
using extent_leaf_t = std::conditional_t<is_named_dim_v<D>, size_of<D>, constant<rat{1, 1}>>;

// The operands a node's kernel reads: a power's exponent is part of the kernel.
template <class Op, class... A>
struct read_operands { using type = detail::type_list<typename operand<Op, A>::type...>; };
template <class A, class P>
struct read_operands<op::pow, A, P> { using type = detail::type_list<A>; };

// How a step reads an operand: the kinds name its instantiations (elementwise_step<op::add, ...>).
enum class operand_kind {
  scalar,
  matrix,
  transposed,     // a matrix product's factor, read transposed
  stretched_row,  // a row over the rows of a broadcast result
  stretched_col,  // a column over the columns of a broadcast result
};

template <class T>
inline constexpr operand_kind kind_of_v = is_scalar_v<T> ? operand_kind::scalar : operand_kind::matrix;

// The kind of an operand A of an elementwise term of shape R that broadcasts (shape.hpp):
// decided by the static shapes, so a term with the shape of its operands compiles as before.
template <class A, class R>
inline constexpr operand_kind broadcast_kind_v = is_scalar_v<A>                       ? operand_kind::scalar
                                        : stretched_rows_v<shape_of_t<A>, R> ? operand_kind::stretched_row
                                        : stretched_cols_v<shape_of_t<A>, R> ? operand_kind::stretched_col
                                                                             : operand_kind::matrix;

// Functions of one operand have its shape, so their operand's kind is unchanged.
template <class Op>
inline constexpr bool broadcasts_v = std::is_same_v<Op, op::add> || std::is_same_v<Op, op::sub> ||
                                     std::is_same_v<Op, op::mul> || std::is_same_v<Op, op::div> ||
                                     op::is_function_v<Op>;

template <operand_kind K, class R>
decltype(auto) value_of(const item<R>& i) {
  if constexpr (K == operand_kind::scalar) return (i.s);
  else if constexpr (K == operand_kind::stretched_row) return stretched_rows<R>{i.v};
  else if constexpr (K == operand_kind::stretched_col) return stretched_cols<R>{i.v};
  else return (i.v);
}

}  // namespace symgrad::eval_detail
