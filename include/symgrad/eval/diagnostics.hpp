#pragma once
// Compile-time misuse of bindings and evaluation, reported like expr/diagnostics.hpp:
// the message says what is wrong, the template argument names the variable (`w: n x 1`).
#include "../expr/diagnostics.hpp"

namespace symgrad::diagnostic {

template <class Var>
struct missing_binding {
  static_assert(always_false<Var>,
                "symgrad: no binding for variables used by the expression (their names and shapes: see "
                "missing_binding<name: shape>); add `name = value` to bind(...)");
};

template <class Var>
struct matrix_bound_to_scalar {
  static_assert(always_false<Var>,
                "symgrad: a scalar variable must be bound to a number such as b = 0.5, not to an Eigen "
                "object (variable: see matrix_bound_to_scalar<name: shape>)");
};

template <class Var>
struct scalar_bound_to_matrix {
  static_assert(always_false<Var>,
                "symgrad: a vector or matrix variable must be bound to an Eigen object of doubles or floats, "
                "not to a number (variable: see scalar_bound_to_matrix<name: shape>)");
};

template <class Var, class Value>
struct unsupported_binding {
  static_assert(always_false<Var>,
                "symgrad: a variable can be bound only to a number or to a dense Eigen object of doubles or "
                "floats; for other scalar types bind x.cast<double>() (variable and value type: see "
                "unsupported_binding<name: shape, value>)");
};

template <class EvaluatorNumber, class BindingsNumber>
struct evaluator_number_type {
  static_assert(always_false<EvaluatorNumber>,
                "symgrad: this evaluator computes in one number type and the bindings hold the other "
                "(types: see evaluator_number_type<evaluator, bindings>); compile<float>(...) or "
                "value_and_grad<float>(f, wrt(...)) makes a float evaluator, for float bindings");
};

template <class... Bindings>
struct mixed_number_types {
  static_assert(always_false<Bindings...>,
                "symgrad: the vector and matrix bindings of one bind(...) hold doubles and floats; an "
                "evaluation computes in one type: bind all float (MatrixXf, VectorXf) or all double, "
                "converting with x.cast<float>() or x.cast<double>()");
};

template <class Var>
struct bound_twice {
  static_assert(always_false<Var>,
                "symgrad: a variable is bound twice in one bind(...); use bindings.with(x = value) to "
                "rebind it (variable: see bound_twice<name: shape>)");
};

template <class Dim>
struct undetermined_dimension {
  static_assert(always_false<Dim>,
                "symgrad: size_of, ones, zeros or eye use a dimension that no bound vector or matrix variable "
                "has, so its extent is unknown (dimensions: see undetermined_dimension<names>)");
};

template <class Op>
struct no_kernel {
  static_assert(always_false<Op>, "symgrad: eval has no kernel for this operation (see no_kernel<op>)");
};

}  // namespace symgrad::diagnostic
