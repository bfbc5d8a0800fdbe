#pragma once
// Compile-time misuse is reported by instantiating one of these. The message says what
// is wrong; the template arguments, shown by the compiler in the same diagnostic, name
// the operation and the shapes or variables involved, as text where the compiler can
// show it: a shape as `m x n`, a variable as `w: n x 1`.
#include <cstddef>
#include <type_traits>
#include <utility>

#include "../detail/fixed_string.hpp"
#include "../shape/shape.hpp"
#include "nodes.hpp"

namespace symgrad::diagnostic {

template <class...>
inline constexpr bool always_false = false;

// g++ prints a string template argument as text; clang 14 prints it as character codes, so
// there the text is a pack of characters ('w', ':', ...), which it prints one by one.
template <fixed_string Text>
struct text {};
template <char... C>
struct chars {};

namespace text_detail {
template <fixed_string S, class I = std::make_index_sequence<S.size()>>
struct spelled;
template <fixed_string S, std::size_t... I>
struct spelled<S, std::index_sequence<I...>> {
#if defined(__clang__)
  using type = chars<S.value[I]...>;
#else
  using type = text<S>;
#endif
};

template <class D>
inline constexpr auto dim_name = fixed_string("1");
template <fixed_string Name>
inline constexpr auto dim_name<dim_t<Name>> = Name;

template <class S>
inline constexpr auto shape_name = concat(dim_name<typename S::rows>, fixed_string(" x "), dim_name<typename S::cols>);

template <class P>
inline constexpr auto props_name = fixed_string("");
template <>
inline constexpr auto props_name<in_unit_interval> = fixed_string(", in_unit_interval");
template <>
inline constexpr auto props_name<sums_to_one> = fixed_string(", sums_to_one");

template <class V>
struct var_name;
template <fixed_string N, class S, class P>
struct var_name<var<N, S, P>> {
  static constexpr auto value = concat(N, fixed_string(": "), shape_name<S>, props_name<P>);
};

template <class E>
struct named {
  using type = E;
};
}  // namespace text_detail

template <fixed_string S>
using text_t = typename text_detail::spelled<S>::type;
/// A shape as diagnostics show it: `m x n`, `n x 1`, `1 x 1`.
template <class Shape>
using shape_text_t = text_t<text_detail::shape_name<Shape>>;
/// A variable as diagnostics show it: `w: n x 1`, `y: m x 1, in_unit_interval`.
template <class Var>
using var_text_t = text_t<text_detail::var_name<Var>::value>;
/// A variable as text, any other expression as its type.
template <class E>
using named_t = typename text_detail::named<E>::type;
template <fixed_string N, class S, class P>
struct text_detail::named<var<N, S, P>> {
  using type = var_text_t<var<N, S, P>>;
};

template <class Op, class LeftShape, class RightShape>
struct incompatible_shapes {
  static_assert(always_false<Op>,
                "symgrad: elementwise operands need equal shapes, or extent 1 where they differ (a scalar, "
                "a row vector over the rows of a matrix, a column over its columns) (operation and shapes: "
                "see incompatible_shapes<op, left, right>)");
};

template <class LeftShape, class RightShape>
struct matrix_product_mismatch {
  static_assert(always_false<LeftShape>,
                "symgrad: matrix product needs the columns of the left operand to equal the rows of the "
                "right operand (shapes: see matrix_product_mismatch<left, right>); for an elementwise "
                "product of equal shapes use a % b");
};

template <class Number>
struct inexact_constant {
  static_assert(always_false<Number>,
                "symgrad: numeric constants in expressions must be exact literals such as 1_c or 2.5_c "
                "(using namespace symgrad), so that the simplifier can reason about them; a value known "
                "only at run time (a hyperparameter) is a scalar variable, bound at evaluation as in "
                "bind(lambda = 0.1)");
};

template <class Shape>
struct diag_of_non_vector {
  static_assert(always_false<Shape>, "symgrad: diag(v) needs a column vector v (its shape: see diag_of_non_vector<shape>)");
};

template <class Op>
struct not_a_user_function {
  static_assert(always_false<Op>,
                "symgrad: elementwise<Op>(...) applies a function defined outside the library; Op must "
                "derive from symgrad::user_function (see docs/adding-an-op.md)");
};

template <class Exponent>
struct non_constant_exponent {
  static_assert(always_false<Exponent>,
                "symgrad: pow(x, e) needs a constant exponent such as 3_c or 0.5_c; for a variable "
                "exponent write exp(e * log(x))");
};

template <class Variable, class Other>
struct conflicting_variables {
  static_assert(always_false<Variable>,
                "symgrad: two different variables have the same name (both are in conflicting_variables<name: shape, name: shape>); "
                "a name stands for one variable with one shape and one set of properties");
};

}  // namespace symgrad::diagnostic
