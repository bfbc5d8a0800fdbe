#pragma once
// Compile-time shapes over symbolic dimensions. A shape is rows x cols; a vector is a
// column (n x 1), a scalar is 1 x 1 and broadcasts against any shape.
#include <string>
#include <string_view>
#include <type_traits>

#include "../expr/fixed_string.hpp"

namespace symgrad {

template <fixed_string Name>
struct dim_t {
  static constexpr std::string_view name() { return Name.view(); }
};

// The extent 1: rows of a row vector, columns of a column vector.
struct unit_dim {
  static constexpr std::string_view name() { return "1"; }
};

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

// Elementwise operands must agree, or one of them is a scalar.
template <class A, class B>
inline constexpr bool broadcastable_v = std::is_same_v<A, B> || is_scalar_shape_v<A> || is_scalar_shape_v<B>;

template <class A, class B>
using broadcast_shape_t = std::conditional_t<is_scalar_shape_v<A>, B, A>;

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
