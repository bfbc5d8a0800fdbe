#pragma once
// Compile-time misuse is reported by instantiating one of these. The message says what
// is wrong; the template arguments, shown by the compiler in the same diagnostic, name
// the operation and the shapes or variables involved.
#include <type_traits>

namespace symgrad::diagnostic {

template <class...>
inline constexpr bool always_false = false;

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
                "symgrad: two different variables have the same name (both are in conflicting_variables<var, var>); "
                "a name stands for one variable with one shape and one set of properties");
};

}  // namespace symgrad::diagnostic
