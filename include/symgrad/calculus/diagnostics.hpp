#pragma once
// Compile-time misuse of grad, jacobian and hessian, reported like expr/diagnostics.hpp: the
// message says what is wrong, the template arguments name the expression, shape or target.
#include "../expr/diagnostics.hpp"

namespace symgrad::diagnostic {

template <class Expression, class Shape>
struct grad_of_non_scalar {
  static_assert(always_false<Expression>,
                "symgrad: grad(f, x) needs a scalar f (the shape of f is in grad_of_non_scalar<f, shape>); "
                "for a vector or matrix f use jacobian(f, x)");
};

template <class Target>
struct grad_wrt_non_variable {
  static_assert(always_false<Target>,
                "symgrad: grad(f, x) differentiates with respect to a variable: x must be made by scalar<>, "
                "vector<>() or matrix<>() (the argument given is in grad_wrt_non_variable<x>)");
};

template <class Function, class FunctionShape, class Target>
struct jacobian_needs_vectors {
  static_assert(always_false<Function>,
                "symgrad: jacobian(f, x) needs f and x to be column vectors or scalars (shapes: see "
                "jacobian_needs_vectors<f, shape of f, x>); for a matrix, differentiate a scalar "
                "function of it with grad");
};

template <class Term, class TermShape>
struct jacobian_through_matrix {
  static_assert(always_false<Term>,
                "symgrad: jacobian(f, x) follows f back to x through column vectors and scalars only; this "
                "term depending on x is a row vector or a matrix (see jacobian_through_matrix<term, shape>)");
};

}  // namespace symgrad::diagnostic
