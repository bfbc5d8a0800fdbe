#pragma once
// Compile-time shapes over symbolic dimensions. A shape is rows x cols; a vector is a
// column (n x 1), a row vector is 1 x n, a scalar is 1 x 1. Elementwise operands broadcast
// per dimension, as in NumPy: an extent 1 stretches to the other operand's extent, so a
// scalar broadcasts against anything, a row vector over the rows of a matrix (X W + b) and
// a column over its columns.
#include <string>
#include <string_view>
#include <type_traits>

#include "../detail/fixed_string.hpp"

/// Everything a user names: variables, operators and functions, grad / jacobian / hessian,
/// simplify / same_form / stable, to_string / to_latex, bind / eval / value_and_grad.
namespace symgrad {

template <fixed_string Name>
struct dim_t {
  static constexpr std::string_view name() { return Name.view(); }
};

// The extent 1: rows of a row vector, columns of a column vector.
struct unit_dim {
  static constexpr std::string_view name() { return "1"; }
};

/// A symbolic dimension: `dim<"m">`. Also usable as a number in expressions (`/ m`).
template <fixed_string Name>
inline constexpr dim_t<Name> dim{};

template <class T>
inline constexpr bool is_named_dim_v = false;
template <fixed_string Name>
inline constexpr bool is_named_dim_v<dim_t<Name>> = true;

template <class R, class C>
struct shape {
  using rows = R;
  using cols = C;
};

using scalar_shape = shape<unit_dim, unit_dim>;

template <class S>
inline constexpr bool is_scalar_shape_v = std::is_same_v<S, scalar_shape>;

template <class S>
using transposed_shape_t = shape<typename S::cols, typename S::rows>;

template <class D1, class D2>
inline constexpr bool dims_broadcast_v =
    std::is_same_v<D1, D2> || std::is_same_v<D1, unit_dim> || std::is_same_v<D2, unit_dim>;
template <class D1, class D2>
using broadcast_dim_t = std::conditional_t<std::is_same_v<D1, unit_dim>, D2, D1>;

// Elementwise operands agree in every dimension, or have extent 1 where they differ.
template <class A, class B>
inline constexpr bool broadcastable_v =
    dims_broadcast_v<typename A::rows, typename B::rows> && dims_broadcast_v<typename A::cols, typename B::cols>;

template <class A, class B>
using broadcast_shape_t = shape<broadcast_dim_t<typename A::rows, typename B::rows>,
                                broadcast_dim_t<typename A::cols, typename B::cols>>;

// Whether an operand of shape A is stretched along the rows (or columns) of a result of shape R.
template <class A, class R>
inline constexpr bool stretched_rows_v = std::is_same_v<typename A::rows, unit_dim> && !std::is_same_v<typename R::rows, unit_dim>;
template <class A, class R>
inline constexpr bool stretched_cols_v = std::is_same_v<typename A::cols, unit_dim> && !std::is_same_v<typename R::cols, unit_dim>;

template <class A, class B>
inline constexpr bool matmul_compatible_v = std::is_same_v<typename A::cols, typename B::rows>;

template <class A, class B>
using matmul_shape_t = shape<typename A::rows, typename B::cols>;

template <class S>
std::string shape_string() {
  if constexpr (is_scalar_shape_v<S>) return "scalar";
  else return std::string(S::rows::name()) + " x " + std::string(S::cols::name());
}

}  // namespace symgrad
