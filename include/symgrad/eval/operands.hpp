#pragma once
// What a term's kernel reads: its operands (a transposed factor of a product through its
// operand, a power without its exponent) and their kinds relative to the term's shape.
#include <type_traits>

#include "../expr/nodes.hpp"
#include "kernels/views.hpp"
#include "tlist.hpp"

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
struct read_operands { using type = tlist<typename operand<Op, A>::type...>; };
template <class A, class P>
struct read_operands<op::pow, A, P> { using type = tlist<A>; };

// Operand kinds.
inline constexpr int scalar_kind = 0;
inline constexpr int matrix_kind = 1;
inline constexpr int transposed_kind = 2;  // a matrix product's factor, read transposed
inline constexpr int stretched_row_kind = 3;  // a row over the rows of a broadcast result
inline constexpr int stretched_col_kind = 4;  // a column over the columns of a broadcast result

template <class T>
inline constexpr int kind_of_v = is_scalar_v<T> ? scalar_kind : matrix_kind;

// The kind of an operand A of an elementwise term of shape R that broadcasts (shape.hpp):
// decided by the static shapes, so a term with the shape of its operands compiles as before.
template <class A, class R>
inline constexpr int broadcast_kind_v = is_scalar_v<A>                       ? scalar_kind
                                        : stretched_rows_v<shape_of_t<A>, R> ? stretched_row_kind
                                        : stretched_cols_v<shape_of_t<A>, R> ? stretched_col_kind
                                                                             : matrix_kind;

template <class Op>
inline constexpr bool broadcasts_v = std::is_same_v<Op, op::add> || std::is_same_v<Op, op::sub> ||
                                     std::is_same_v<Op, op::mul> || std::is_same_v<Op, op::div>;

template <int K>
decltype(auto) value_of(const item& i) {
  if constexpr (K == scalar_kind) return (i.s);
  else if constexpr (K == stretched_row_kind) return stretched_rows{i.v};
  else if constexpr (K == stretched_col_kind) return stretched_cols{i.v};
  else return (i.v);
}

}  // namespace symgrad::eval_detail
