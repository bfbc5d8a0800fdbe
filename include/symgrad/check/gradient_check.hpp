#pragma once
// Numerical gradient checking: a claimed gradient expression against central differences.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include <Eigen/Core>

#include "../calculus/grad.hpp"
#include "../eval/eval.hpp"
#include "diagnostics.hpp"

namespace symgrad {

/// Symmetric relative error |a - b| / (|a| + |b|), in [0, 1] for finite values. Defined as 0
/// when a and b are both exactly 0 (they agree, and there is no scale to divide by); note
/// that a tiny value against an exact 0 still gives 1.
inline double relative_error(double a, double b) {
  if (a == 0.0 && b == 0.0) return 0.0;
  return std::abs(a - b) / (std::abs(a) + std::abs(b));
}

/// What check_gradient found: the worst entry by the per-entry error, and the error on the
/// scale of the whole gradient.
struct gradient_check_result {
  double max_relative_error = 0.0;  // NaN if any entry compared as NaN
  Eigen::Index worst_index = -1;    // column-major index into x of that entry; -1 if x has no entries
  double analytic = 0.0;            // the claimed gradient at worst_index
  double numeric = 0.0;             // the central difference at worst_index
  std::size_t entries = 0;          // number of entries compared
  // max |a - b| over the entries divided by max |a|: the error on the scale of the whole
  // gradient. Central differences carry a rounding error of about eps |f| / h in every
  // entry, so an entry much smaller than the others can fail the per-entry test alone.
  double max_scaled_error = 0.0;
  double largest_analytic = 0.0;    // max |a|
  double max_absolute_error = 0.0;  // max |a - b|
};

namespace check_detail {

template <class X, class... B>
inline constexpr std::size_t binding_index_v = detail::index_of_v<X, detail::type_list<typename B::var_type...>>;

// A NaN error counts as worse than any number, so it is the one reported.
inline void record(gradient_check_result& r, Eigen::Index i, double analytic, double numeric) {
  const double e = relative_error(analytic, numeric);
  const bool worse = std::isnan(e) ? !std::isnan(r.max_relative_error) : e > r.max_relative_error;
  if (r.entries == 0 || worse) {
    r.max_relative_error = e;
    r.worst_index = i;
    r.analytic = analytic;
    r.numeric = numeric;
  }
  ++r.entries;
  r.largest_analytic = std::max(r.largest_analytic, std::abs(analytic));
  const double d = std::abs(analytic - numeric);
  r.max_absolute_error = std::isnan(d) || std::isnan(r.max_absolute_error) ? NAN : std::max(r.max_absolute_error, d);
  r.max_scaled_error = r.largest_analytic > 0 ? r.max_absolute_error / r.largest_analytic
                                              : (r.max_absolute_error == 0 ? 0.0 : INFINITY);
}

// f in its stable form, out of line: the differences call it from two places, and the checks
// of every variable with the same bindings share it.
template <expression F, class... B>
[[gnu::noinline]] double value_at(F f, const bindings<B...>& bs) {
  return eval(stable(f), bs);
}

// f against central differences in each entry of x (check_gradient_against, checked).
template <expression F, class X, expression G, class... B>
gradient_check_result against_differences(F f, X x, G g, const bindings<B...>& bs, double h) {
  gradient_check_result r;
  const auto analytic = eval(g, bs);
  const auto& bx = std::get<binding_index_v<X, B...>>(bs.items);

  if constexpr (is_scalar_v<X>) {
    const double x0 = bx.value();
    const double numeric = (value_at(f, bs.with(x = x0 + h)) - value_at(f, bs.with(x = x0 - h))) / (2 * h);
    record(r, 0, analytic, numeric);
  } else {
    Eigen::MatrixXd local = bx.value();
    if constexpr (!is_scalar_v<G>) {
      if (analytic.rows() != local.rows() || analytic.cols() != local.cols())
        throw dimension_error("symgrad: the gradient is " + std::to_string(analytic.rows()) + " x " +
                              std::to_string(analytic.cols()) + " but variable '" + std::string(X::name()) +
                              "' is bound to " + std::to_string(local.rows()) + " x " + std::to_string(local.cols()));
    }
    const auto moved = bs.with(x = local);  // maps `local`, so editing an entry moves x
    double* v = local.data();
    for (Eigen::Index i = 0; i < local.size(); ++i) {
      const double xi = v[i];
      v[i] = xi + h;
      const double up = value_at(f, moved);
      v[i] = xi - h;
      const double down = value_at(f, moved);
      v[i] = xi;
      if constexpr (is_scalar_v<G>) record(r, i, analytic, (up - down) / (2 * h));
      else record(r, i, analytic.data()[i], (up - down) / (2 * h));
    }
  }
  return r;
}

}  // namespace check_detail

/// Compares g, the claimed gradient of the scalar expression f with respect to the variable
/// x, entry by entry with (f(x + h e_i) - f(x - h e_i)) / (2h), f evaluated in its stable
/// form (see stable()). g has the shape of x, or is a scalar standing for that value in every
/// entry (a simplified constant gradient).
template <expression F, class X, expression G, class... B>
  requires is_var_v<X>
gradient_check_result check_gradient_against(F f, X x, G g, const bindings<B...>& bs, double h = 1e-6) {
  // One mistake, one diagnostic: nothing below is instantiated after one.
  if constexpr (!is_scalar_v<F>) {
    (void)diagnostic::check_of_non_scalar<F, diagnostic::shape_text_t<shape_of_t<F>>>{};
    return {};
  } else if constexpr (!std::is_same_v<shape_of_t<G>, shape_of_t<X>> && !is_scalar_v<G>) {
    (void)diagnostic::check_gradient_shape<diagnostic::shape_text_t<shape_of_t<G>>, diagnostic::shape_text_t<shape_of_t<X>>>{};
    return {};
  } else if constexpr (check_detail::binding_index_v<X, B...> == detail::npos) {
    (void)diagnostic::check_without_binding<diagnostic::var_text_t<X>>{};
    return {};
  } else {
    return check_detail::against_differences(f, x, g, bs, h);
  }
}

/// The library's own gradient of f with respect to x against central differences.
template <expression F, class X, class... B>
  requires is_var_v<X>
gradient_check_result check_gradient(F f, X x, const bindings<B...>& bs, double h = 1e-6) {
  if constexpr (!is_scalar_v<F>) {
    (void)diagnostic::check_of_non_scalar<F, diagnostic::shape_text_t<shape_of_t<F>>>{};
    return {};
  } else {
    return check_gradient_against(f, x, grad(f, x), bs, h);
  }
}

}  // namespace symgrad
