#pragma once
// Compile-time misuse of the gradient checks, reported like expr/diagnostics.hpp: the message
// says what is wrong, the template arguments name the expression, shape or variable.
#include "../expr/diagnostics.hpp"

namespace symgrad::diagnostic {

template <class Function, class Shape>
struct check_of_non_scalar {
  static_assert(always_false<Function>,
                "symgrad: check_gradient(f, x, ...) needs a scalar f (the shape of f is in "
                "check_of_non_scalar<f, shape>)");
};

template <class GradientShape, class TargetShape>
struct check_gradient_shape {
  static_assert(always_false<GradientShape>,
                "symgrad: check_gradient_against(f, x, g, ...) needs a gradient g with the shape of x, or a "
                "scalar (shapes: see check_gradient_shape<shape of g, shape of x>)");
};

template <class Var>
struct check_without_binding {
  static_assert(always_false<Var>,
                "symgrad: check_gradient moves x, so x must be bound in the bindings given (variable: see "
                "check_without_binding<name: shape>)");
};

}  // namespace symgrad::diagnostic
