#pragma once
/// \file
/// symgrad: losses as compile-time expressions, differentiated and simplified at compile
/// time, printed, and evaluated with Eigen. The guides are in docs/ (start with
/// docs/getting-started.md); this reference lists the declarations a user calls.
//
//   expr/      variables, constants, operators and functions (the expression types)
//   shape/     compile-time shapes over symbolic dimensions
//   simplify/  canonical forms: simplify, same_form
//   calculus/  the derivative rules, grad, jacobian and hessian
//   print/     to_string, to_latex
//   eval/      bindings, eval, eval_all, value_and_grad, one_hot (the only place Eigen is used,
//   check/     with the gradient checks)
#include "calculus/grad.hpp"
#include "calculus/jacobian.hpp"
#include "check/gradient_check.hpp"
#include "eval/eval.hpp"
#include "eval/flat.hpp"
#include "eval/one_hot.hpp"
#include "expr/build.hpp"
#include "print/print.hpp"
#include "simplify/normalize.hpp"
#include "value_and_grad.hpp"
