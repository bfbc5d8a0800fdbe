#pragma once
// Checks of the values a variable declares (in_unit_interval, sums_to_one), made once per
// evaluation before any arithmetic: a label outside the range its loss accepts raises
// value_error naming the variable, the entry and its value, instead of a silently wrong loss.
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include <Eigen/Core>

#include "../expr/nodes.hpp"
#include "errors.hpp"
#include "kernels/views.hpp"

namespace symgrad::eval_detail {

// Entries in [0, 1]; NaN fails too.
template <class R>
void check_unit_interval(std::string_view var, std::string_view property, const dense_view<R>& v) {
  for (Index j = 0; j < v.cols; ++j)
    for (Index i = 0; i < v.rows; ++i) {
      const double x = v.data[j * v.outer + i];
      if (!(x >= 0 && x <= 1))
        throw_formatted<value_error>(
            "symgrad: variable '%.*s' is declared %.*s, but its entry (%lld, %lld) is %g, outside [0, 1]",
            static_cast<int>(var.size()), var.data(), static_cast<int>(property.size()), property.data(),
            static_cast<long long>(i), static_cast<long long>(j), x);
    }
}
template <class R>
  requires is_number_v<R>
void check_unit_interval(std::string_view var, std::string_view property, R r) {
  const double x = r;
  if (!(x >= 0 && x <= 1))
    throw_formatted<value_error>(
        "symgrad: variable '%.*s' is declared %.*s, but it is %g, outside [0, 1]", static_cast<int>(var.size()),
        var.data(), static_cast<int>(property.size()), property.data(), x);
}

// Each row (or, for a column vector, the whole) sums to one, to 1e-9 per entry (float: 1e-6):
// labels smoothed or read from text sum to one only up to rounding.
template <class R>
void check_sums_to_one(std::string_view var, const dense_view<R>& v, bool whole) {
  check_unit_interval(var, "sums_to_one", v);
  const Index groups = whole ? 1 : v.rows, length = whole ? v.rows * v.cols : v.cols;
  for (Index g = 0; g < groups; ++g) {
    double s = 0;
    for (Index k = 0; k < length; ++k) s += whole ? v.data[(k / v.rows) * v.outer + k % v.rows] : v.data[k * v.outer + g];
    // float data: to its own rounding, 1e-6 per entry
    const double tolerance = std::is_same_v<R, float> ? 1e-6 : 1e-9;
    if (std::abs(s - 1) <= tolerance * static_cast<double>(length)) continue;
    if (whole)
      throw_formatted<value_error>(
          "symgrad: variable '%.*s' is declared sums_to_one, but its entries sum to %.12g",
          static_cast<int>(var.size()), var.data(), s);
    throw_formatted<value_error>(
        "symgrad: variable '%.*s' is declared sums_to_one, but its row %lld sums to %.12g",
        static_cast<int>(var.size()), var.data(), static_cast<long long>(g), s);
  }
}

template <class Var, class Value>
void check_values(const Value& value) {
  if constexpr (is_var_v<Var>) {
    using P = typename var_props<Var>::type;
    if constexpr (std::is_same_v<P, in_unit_interval>) check_unit_interval(Var::name(), "in_unit_interval", value);
    else if constexpr (std::is_same_v<P, sums_to_one>) {
      if constexpr (is_number_v<Value>) check_unit_interval(Var::name(), "sums_to_one", value);
      else check_sums_to_one(Var::name(), value, classes_in_rows_v<shape_of_t<Var>>);
    }
  }
}

}  // namespace symgrad::eval_detail
