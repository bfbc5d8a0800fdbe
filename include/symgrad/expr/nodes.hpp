#pragma once
// Expression types. Every expression is an empty type: leaves carry a name and a
// shape, nodes an op tag and their operands. Values live only in bindings (eval/).
#include <tuple>
#include <type_traits>

#include "../detail/fixed_string.hpp"
#include "../shape/shape.hpp"
#include "ops.hpp"
#include "rational.hpp"

namespace symgrad {

// Properties a variable may declare; none by default.
struct no_props {
  static constexpr std::string_view name = "";
};
/// Every entry lies in [0, 1] (binary labels, probabilities): checked when evaluated.
struct in_unit_interval {
  static constexpr std::string_view name = "in_unit_interval";
};
/// Each distribution along the class axis sums to one: every row of a matrix, a whole vector
/// (one-hot or probability labels), every entry in [0, 1]. The simplifier uses it; evaluation
/// checks it.
struct sums_to_one {
  static constexpr std::string_view name = "sums_to_one";
};

template <fixed_string Name, class Shape, class Props = no_props>
struct var {
  using shape_type = Shape;
  static constexpr std::string_view name() { return Name.view(); }

  // `X = data` makes a binding; defined in eval/ so that expr/ stays free of Eigen.
  template <class T>
  auto operator=(T&& value) const;
};

template <rat Value>
struct constant {
  static constexpr rat value = Value;
};

// The runtime extent of a symbolic dimension, as a scalar (e.g. the m in mean = sum / m).
template <class Dim>
struct size_of {};

// pi, the one irrational constant: the derivative of erf is 2 exp(-x^2) / pi^(1/2).
struct pi_constant {};

template <class Shape>
struct ones {};

template <class Shape>
struct zeros {};

/// The identity matrix of a dimension; diag(v) is eye % v (v broadcast over the columns).
template <class Dim>
struct eye {};

template <class Op, class... Args>
struct node {};

// Returned after a diagnosed misuse so that one mistake gives one diagnostic.
struct invalid_expr {};

template <class T> inline constexpr bool is_var_v = false;
template <fixed_string N, class S, class P> inline constexpr bool is_var_v<var<N, S, P>> = true;

template <class T> struct var_props { using type = no_props; };
template <fixed_string N, class S, class P> struct var_props<var<N, S, P>> { using type = P; };

template <class T> inline constexpr bool is_constant_v = false;
template <rat V> inline constexpr bool is_constant_v<constant<V>> = true;

template <class T> inline constexpr bool is_node_v = false;
template <class Op, class... A> inline constexpr bool is_node_v<node<Op, A...>> = true;

template <class T> inline constexpr bool is_expr_v = is_var_v<T> || is_constant_v<T> || is_node_v<T>;
template <class D> inline constexpr bool is_expr_v<size_of<D>> = true;
template <> inline constexpr bool is_expr_v<pi_constant> = true;
template <class S> inline constexpr bool is_expr_v<ones<S>> = true;
template <class S> inline constexpr bool is_expr_v<zeros<S>> = true;
template <class D> inline constexpr bool is_expr_v<eye<D>> = true;
template <> inline constexpr bool is_expr_v<invalid_expr> = true;

template <class T>
concept expression = is_expr_v<std::remove_cvref_t<T>>;

// ---- shape inference ----------------------------------------------------------------

template <class T>
struct shape_of { using type = scalar_shape; };  // constants, size_of, invalid_expr

template <class T>
using shape_of_t = typename shape_of<std::remove_cvref_t<T>>::type;

template <fixed_string N, class S, class P>
struct shape_of<var<N, S, P>> { using type = S; };
template <class S>
struct shape_of<ones<S>> { using type = S; };
template <class S>
struct shape_of<zeros<S>> { using type = S; };
template <class D>
struct shape_of<eye<D>> { using type = shape<D, D>; };

template <class... S>
struct broadcast_all;
template <class S>
struct broadcast_all<S> { using type = S; };
template <class S1, class S2, class... Rest>
struct broadcast_all<S1, S2, Rest...> : broadcast_all<broadcast_shape_t<S1, S2>, Rest...> {};

// Elementwise ops of any arity broadcast (shape.hpp).
template <class Op, class... Args>
struct shape_of<node<Op, Args...>> { using type = typename broadcast_all<shape_of_t<Args>...>::type; };

template <class A, class E>
struct shape_of<node<op::pow, A, E>> { using type = shape_of_t<A>; };

template <class... Args>
struct shape_of<node<op::matmul, Args...>> {
  using first = std::tuple_element_t<0, std::tuple<Args...>>;
  using last = std::tuple_element_t<sizeof...(Args) - 1, std::tuple<Args...>>;
  using type = shape<typename shape_of_t<first>::rows, typename shape_of_t<last>::cols>;
};

template <class A>
struct shape_of<node<op::transpose, A>> { using type = transposed_shape_t<shape_of_t<A>>; };
template <class A>
struct shape_of<node<op::sum, A>> { using type = scalar_shape; };
template <class A>
struct shape_of<node<op::mean, A>> { using type = scalar_shape; };

// The class axis: the columns of a matrix or row vector, the rows of a column vector.
template <class S>
inline constexpr bool classes_in_rows_v = std::is_same_v<typename S::cols, unit_dim>;
template <class S>
using class_reduced_shape_t = std::conditional_t<classes_in_rows_v<S>, scalar_shape, shape<typename S::rows, unit_dim>>;

template <class A>
struct shape_of<node<op::logsumexp, A>> { using type = class_reduced_shape_t<shape_of_t<A>>; };

template <class T>
inline constexpr bool is_scalar_v = is_scalar_shape_v<shape_of_t<T>>;

}  // namespace symgrad
