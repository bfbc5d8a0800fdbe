#pragma once
// Jacobians and Hessians from the same rule table as grad. The Jacobian of a vector f with
// respect to a vector x is reverse mode run once with every output's adjoint at the same
// time: the seed is the identity, each term's adjoint has one column per output, and the
// rules (written with broadcasting and products with ones) apply to such batches as they
// are. An elementwise map gives a diagonal term (eye .* v, printed diag(v)); softmax gives
// diag(p) - p p^T. Nothing is a dense matrix until it is evaluated.
#include "diagnostics.hpp"
#include "grad.hpp"

namespace symgrad::calculus {

template <class S>
inline constexpr bool column_or_scalar_v = std::is_same_v<typename S::cols, unit_dim>;

template <class... T>
constexpr bool batchable(detail::type_list<T...>) {
  return (column_or_scalar_v<shape_of_t<T>> && ...);
}
template <class... T>
constexpr void report_unbatchable(detail::type_list<T...>) {
  // The first offending term only: one mistake, one diagnostic.
  constexpr bool ok[] = {column_or_scalar_v<shape_of_t<T>>..., false};
  constexpr std::size_t i = [&] {
    std::size_t j = 0;
    while (ok[j]) ++j;
    return j;
  }();
  using bad = std::tuple_element_t<i, std::tuple<T...>>;
  (void)diagnostic::jacobian_through_matrix<bad, diagnostic::shape_text_t<shape_of_t<bad>>>{};
}

// The transposed Jacobian (x rows x f rows), as a canonical term.
template <class X, class F>
constexpr auto transposed_jacobian(F) {
  using D = typename shape_of_t<F>::rows;
  if constexpr (std::is_same_v<D, unit_dim>) return backprop<X>(F{});  // a scalar: the gradient
  else return backprop<X, F, D, derivation::identity<D>>(F{});
}

template <class X, class F>
consteval auto derived_jacobian(F) {
  using S = shape<typename shape_of_t<F>::rows, typename shape_of_t<X>::rows>;
  return decltype(derivation::transposed_expression<S>(transposed_jacobian<X>(F{})))();
}

}  // namespace symgrad::calculus

namespace symgrad {

/// The Jacobian of a column vector (or scalar) f with respect to a column vector (or scalar)
/// variable x: rows of f by rows of x, simplified and structured (`diag(...)`, `diag(p) - p p^T`).
template <expression F, class X>
constexpr auto jacobian(F, X) {
  detail::check_variables<F>();
  using SF = shape_of_t<F>;
  using SX = shape_of_t<X>;
  if constexpr (!is_var_v<X>) { (void)diagnostic::grad_wrt_non_variable<X>{}; return invalid_expr{}; }
  else if constexpr (!calculus::column_or_scalar_v<SF> || !calculus::column_or_scalar_v<SX>) {
    (void)diagnostic::jacobian_needs_vectors<F, diagnostic::shape_text_t<SF>, diagnostic::named_t<X>>{};
    return invalid_expr{};
  } else if constexpr (!calculus::batchable(calculus::dependent_terms_t<X, F>{})) {
    calculus::report_unbatchable(calculus::dependent_terms_t<X, F>{});
    return invalid_expr{};
  } else return calculus::derived_jacobian<X>(F{});
}

/// The Hessian of a scalar f with respect to x: the Jacobian of its gradient.
template <expression F, class X>
constexpr auto hessian(F f, X x) {
  if constexpr (!is_var_v<X>) { (void)diagnostic::grad_wrt_non_variable<X>{}; return invalid_expr{}; }
  else if constexpr (!is_scalar_v<F>) { (void)diagnostic::grad_of_non_scalar<F, diagnostic::shape_text_t<shape_of_t<F>>>{}; return invalid_expr{}; }
  else return jacobian(grad(f, x), x);
}

}  // namespace symgrad
